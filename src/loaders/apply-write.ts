import { readFacts } from '../slack/methods.js';
import type { SlackConversation, SlackEnvelope } from '../slack/wire-types.js';
import type { ConversationLoader } from './conversation-loader.js';
import { forgetCalls } from './slack-caller.js';

/** What a successful (or possibly successful) write changed. */
export interface WriteEffect {
  /** The conversation the write changed; omitted when none is known yet (a create in doubt). */
  conversation?: string | undefined;
  /** The conversation as Slack returned it from the write, when it did. */
  fresh?: SlackConversation | undefined;
}

/** The per-request state a write invalidates. */
export interface WriteCaches {
  calls: Map<string, Promise<SlackEnvelope>>;
  conversations: ConversationLoader;
}

/**
 * Makes the rest of the request see a write: forgets every cached read about the written
 * conversation (info, members, history, replies) and every conversation list page, then primes
 * the conversation loader with the object Slack returned, if any. Primed as a list-page object,
 * so a field the write's answer lacks (e.g. `num_members`) is still read from conversations.info.
 * This is the one place a cache shared across requests would be invalidated too.
 */
export function applyWrite(caches: WriteCaches, effect: WriteEffect): void {
  const id = effect.conversation ?? effect.fresh?.id;
  forgetCalls(caches.calls, (method, args) => {
    const subject = readFacts(method)?.subject;
    return subject === 'conversation-list' || (subject === 'conversation' && args.channel === id);
  });
  if (id === undefined) return;
  caches.conversations.forget(id);
  if (effect.fresh !== undefined) caches.conversations.prime([effect.fresh], 'conversations.list');
}
