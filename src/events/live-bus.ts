import { setMaxListeners } from 'node:events';
import { createPubSub, type PubSubEventTarget } from 'graphql-yoga';
import type { LiveEvent } from './live-event.js';

/** Where a subscription listens: one conversation, every conversation change, or revocations. */
export type LiveTopic =
  | { conversation: string }
  | { scope: 'conversations' }
  | { scope: 'revocations' };

/**
 * Fan-out of live events to this process's subscriptions. In process today (yoga's pubsub over an
 * EventTarget); a shared transport (Redis) can implement the same two methods.
 */
export interface LiveBus {
  publish(event: LiveEvent): void;
  /** Events of `topic` published from now on, until the iterator is returned. */
  subscribe(topic: LiveTopic): AsyncIterableIterator<LiveEvent>;
}

type Topics = {
  conversation: [string, LiveEvent];
  conversations: [LiveEvent];
  revocations: [LiveEvent];
};

/**
 * The in-process bus: an event goes to its conversation's topic; conversation changes and lost
 * access also to the all-conversations topic; revocations to their own.
 * @see https://the-guild.dev/graphql/yoga-server/docs/features/subscriptions#pubsub
 */
export function createLiveBus(): LiveBus {
  const eventTarget = new EventTarget() as PubSubEventTarget<Topics>;
  // Thousands of subscribers of one conversation are normal, not a leak.
  setMaxListeners(0, eventTarget);
  const pubSub = createPubSub<Topics>({ eventTarget });
  return {
    publish(event) {
      if (event.type === 'tokensRevoked') {
        pubSub.publish('revocations', event);
        return;
      }
      pubSub.publish('conversation', event.channel, event);
      if (event.type === 'conversationChanged' || event.type === 'accessChanged') {
        pubSub.publish('conversations', event);
      }
    },
    subscribe(topic) {
      if ('conversation' in topic) return pubSub.subscribe('conversation', topic.conversation);
      return pubSub.subscribe(topic.scope) as AsyncIterableIterator<LiveEvent>;
    },
  };
}
