/** Longer than Slack's last retry (about five minutes after the first attempt). */
export const EVENT_DEDUPE_TTL_MS = 600_000;

export interface EventDedupeOptions {
  /** Event ids remembered at most; the oldest are forgotten first. @default 10_000 */
  maxEntries?: number;
  /** How long an id is remembered, in milliseconds. @default EVENT_DEDUPE_TTL_MS */
  ttlMs?: number;
  /** Milliseconds; injectable for tests. @default Date.now */
  now?: () => number;
}

/**
 * Whether an `event_id` is new: in this process (below), or across a fleet, where the answer
 * comes from Redis (src/shared-state/shared-event-dedupe.ts).
 */
export interface EventSightings {
  /** True the first time `eventId` is seen within the TTL (and records it), false for a repeat. */
  firstSighting(eventId: string): boolean | Promise<boolean>;
}

/** Remembers the `event_id`s already taken, so a retried delivery never acts twice. */
export interface EventDedupe extends EventSightings {
  firstSighting(eventId: string): boolean;
  readonly size: number;
}

/**
 * A bounded, expiring set of event ids. Only deliveries that passed the signature check reach
 * it, so a forger cannot fill it; its bound caps memory even under a flood of genuine events.
 * @see https://docs.slack.dev/apis/events-api/#retries
 */
export function createEventDedupe({
  maxEntries = 10_000,
  ttlMs = EVENT_DEDUPE_TTL_MS,
  now = Date.now,
}: EventDedupeOptions = {}): EventDedupe {
  // Insertion order is expiry order (one TTL for all), so expired ids are always at the front.
  const seen = new Map<string, number>();
  return {
    get size() {
      return seen.size;
    },
    firstSighting(eventId) {
      const at = now();
      for (const [id, expiresAt] of seen) {
        if (expiresAt > at && seen.size < maxEntries) break;
        seen.delete(id);
      }
      if (seen.has(eventId)) return false;
      seen.set(eventId, at + ttlMs);
      return true;
    },
  };
}
