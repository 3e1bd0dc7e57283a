import type { EventDedupe, EventSightings } from '../events/event-dedupe.js';
import type { SharedStateConnection } from './redis-connection.js';

/**
 * `event_id` dedupe for a whole fleet: the first replica to `SET event:<id> 1 NX PX ttl` takes
 * the delivery, so a retry that the load balancer sends to another replica is not acted on
 * twice. This replica's own dedupe is asked as well, and answers alone while Redis is
 * unreachable: a retry to the same replica is still caught, one to another may then act again
 * (an outage costs a repeated invalidation and payload, never a lost event).
 * @param ttlMs how long an id is remembered: longer than Slack's last retry.
 */
export function createSharedEventDedupe(
  connection: SharedStateConnection,
  local: EventDedupe,
  ttlMs: number,
): EventSightings {
  return {
    async firstSighting(eventId) {
      const firstHere = local.firstSighting(eventId);
      if (!connection.shared) return firstHere;
      try {
        const claimed = await connection.redis.set(`event:${eventId}`, '1', 'PX', ttlMs, 'NX');
        return claimed === 'OK' && firstHere;
      } catch (error) {
        connection.failed(error);
        return firstHere;
      }
    },
  };
}
