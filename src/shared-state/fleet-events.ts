import { randomBytes } from 'node:crypto';
import type { AppliedDelivery, DeliveryRelay, TagInvalidator } from '../events/event-ingest.js';
import type { LiveBus } from '../events/live-bus.js';
import type { SharedStateConnection } from './redis-connection.js';

/** How the fleet's event stream fares, for logs and metrics. */
export interface FleetEventsObserver {
  /**
   * A delivery this replica took was `published` to the fleet, or stayed `local_only` (Redis
   * unreachable: only this replica's subscribers heard it); or one was `received` from another.
   */
  relayed(direction: 'published' | 'local_only' | 'received'): void;
  /** This replica listens to the other replicas' deliveries (true), or cannot (false). */
  listening(up: boolean): void;
}

export interface FleetEventsOptions {
  connection: SharedStateConnection;
  /** This replica's subscribers. */
  bus: LiveBus;
  /** Drops cached answers by tag: used only while this replica runs on its local caches. */
  cache?: TagInvalidator | undefined;
  observer?: FleetEventsObserver | undefined;
  /** Hears a message that could not be applied (nothing is swallowed). */
  onError?: ((error: unknown) => void) | undefined;
}

/** The fleet's event stream: a `DeliveryRelay` for the ingest, and a listener to close. */
export interface FleetEvents extends DeliveryRelay {
  close(): Promise<void>;
}

/** One applied delivery on the wire, and the replica it came from. */
interface RelayMessage extends AppliedDelivery {
  from: string;
}

/**
 * Slack deliveries across a fleet, over Redis pub/sub on one channel (`<REDIS_KEY_PREFIX>events`).
 * The replica that took a delivery (src/shared-state/shared-event-dedupe.ts) has already dropped
 * the cached answers it contradicts, in Redis, and fanned it out to its own subscribers; it then
 * publishes the delivery's live events and tags, and every other replica fans the events out to
 * its subscribers. A replica that runs on its local caches (Redis failed for it) also drops the
 * tags there, as the taker's invalidation only reached Redis.
 *
 * Not yoga's Redis event target: that routes even this replica's own events through Redis (lost
 * while Redis is down, where local subscribers must still hear them), subscribes one channel per
 * conversation (every replica needs every delivery's tags), and leaves failed publishes
 * unhandled. Pub/sub is at most once: a replica reconnecting misses what was published
 * meanwhile (its caches are still right: the invalidation went to Redis before the publish).
 */
export function createFleetEvents({
  connection,
  bus,
  cache,
  observer,
  onError,
}: FleetEventsOptions): FleetEvents {
  const origin = randomBytes(8).toString('hex');
  // ioredis does not prefix channel names.
  const channel = `${connection.redis.options.keyPrefix ?? ''}events`;
  // A subscribed connection can run nothing else: a second one, (re)subscribed on every connect.
  const subscriber = connection.redis.duplicate({ autoResubscribe: false, lazyConnect: true });
  let listening = false;
  let closed = false;

  const setListening = (up: boolean): void => {
    if (up === listening || closed) return;
    listening = up;
    observer?.listening(up);
  };

  const apply = async ({ tags, events }: RelayMessage): Promise<void> => {
    if (!connection.shared && cache !== undefined && tags.length > 0) {
      await cache.invalidateTags(tags);
    }
    for (const event of events) bus.publish(event);
  };

  subscriber.on('message', (_channel: string, text: string) => {
    let message: RelayMessage;
    try {
      message = JSON.parse(text) as RelayMessage;
    } catch (error) {
      onError?.(error);
      return;
    }
    if (message.from === origin) return;
    observer?.relayed('received');
    apply(message).catch((error: unknown) => onError?.(error));
  });
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).then(
      () => setListening(true),
      (error: unknown) => {
        if (!closed) onError?.(error);
      },
    );
  });
  subscriber.on('close', () => setListening(false));
  // Its failed reconnects are the outage the main connection already reports and counts.
  subscriber.on('error', () => {});
  subscriber.connect().catch(() => undefined);

  return {
    async broadcast({ tags, events }) {
      if (tags.length === 0 && events.length === 0) return;
      if (!connection.shared) {
        observer?.relayed('local_only');
        return;
      }
      const message: RelayMessage = { from: origin, tags, events };
      try {
        await connection.redis.publish(channel, JSON.stringify(message));
        observer?.relayed('published');
      } catch (error) {
        connection.failed(error);
        observer?.relayed('local_only');
      }
    },
    async close() {
      closed = true;
      subscriber.disconnect();
    },
  };
}
