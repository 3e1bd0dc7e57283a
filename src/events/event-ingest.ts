import { setTimeout as sleep } from 'node:timers/promises';
import type { EventSightings } from './event-dedupe.js';
import { tagsOfEvent } from './invalidation.js';
import type { LiveBus } from './live-bus.js';
import { type LiveEvent, liveEventsOf } from './live-event.js';
import type { SlackEventCallback } from './slack-events.js';

/** Drops cached Slack answers by tag (src/cache/caching-slack-api.ts). */
export interface TagInvalidator {
  invalidateTags(tags: readonly string[]): Promise<void>;
}

/** What one delivery did here, as the other replicas of a fleet need it. */
export interface AppliedDelivery {
  /** The cache tags it invalidated. */
  readonly tags: readonly string[];
  /** What it published to this replica's subscribers. */
  readonly events: readonly LiveEvent[];
}

/** Passes applied deliveries on to the other replicas of a fleet (src/shared-state/fleet-events.ts). */
export interface DeliveryRelay {
  /** Never rejects: a relay that cannot reach the fleet says so in its own logs and metrics. */
  broadcast(delivery: AppliedDelivery): Promise<void>;
}

export interface EventIngestOptions {
  /** Which `event_id`s are new: this process's memory, or in a fleet Redis's. */
  dedupe: EventSightings;
  bus: LiveBus;
  /** The cross-request cache; absent when caching is off (nothing to drop). */
  cache?: TagInvalidator | undefined;
  /** In a fleet: the other replicas hear each delivery this one takes, once it is applied. */
  relay?: DeliveryRelay | undefined;
  /** Hears what happened to each event, for logs and metrics. */
  observe?: ((outcome: IngestOutcome, event: SlackEventCallback) => void) | undefined;
  /** Hears a failure after the acknowledgement (nothing is swallowed). */
  onError?: ((error: unknown) => void) | undefined;
  /**
   * The longest an acknowledgement waits for the cache to drop what an event contradicts; beyond
   * it the event is acknowledged anyway (Slack retries what is not answered within 3 s).
   * @default 2_000
   */
  ackWithinMs?: number;
}

export type IngestOutcome = 'accepted' | 'duplicate';

/** Takes verified `event_callback`s from any transport (HTTP or Socket Mode). */
export interface EventIngest {
  /**
   * Resolves when the delivery may be acknowledged: a repeat at once; a new event once the
   * cached answers it contradicts are dropped (or `ackWithinMs` passed). Subscribers hear the
   * event after that, never before, so what they query next is already fresh.
   */
  accept(callback: SlackEventCallback): Promise<IngestOutcome>;
}

export function createEventIngest({
  dedupe,
  bus,
  cache,
  relay,
  observe,
  onError,
  ackWithinMs = 2_000,
}: EventIngestOptions): EventIngest {
  return {
    async accept(callback) {
      if (!(await dedupe.firstSighting(callback.event_id))) {
        observe?.('duplicate', callback);
        return 'duplicate';
      }
      observe?.('accepted', callback);
      const tags = tagsOfEvent(callback.event);
      const invalidated = (
        cache === undefined || tags.length === 0 ? Promise.resolve() : cache.invalidateTags(tags)
      ).then(() => {
        const events = liveEventsOf(callback);
        for (const event of events) bus.publish(event);
        return relay?.broadcast({ tags, events });
      });
      invalidated.catch(onError);
      const deadline = new AbortController();
      await Promise.race([
        invalidated.catch(() => {}),
        sleep(ackWithinMs, undefined, { signal: deadline.signal }).catch(() => {}),
      ]);
      deadline.abort();
      return 'accepted';
    },
  };
}
