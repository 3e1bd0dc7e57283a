import { conversationType } from '../protocol/conversation-kind.js';
import { type AccessKind, acceptedScopes } from '../protocol/scopes.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import type { StoredConversation } from '../state/store.js';
import type { Caller, MethodContext } from './method-context.js';

/** The caller of a method that requires a token (the pipeline guarantees one). */
export function requireCaller(context: MethodContext): Caller {
  if (!context.caller) throw new SlackApiError('not_authed');
  return context.caller;
}

/** Throws Slack's `missing_scope` (with `needed` and `provided`) unless one of `accepted` is held. */
export function requireScope(caller: Caller, accepted: readonly string[]): void {
  if (accepted.some((scope) => caller.scopes.has(scope))) return;
  throw new SlackApiError('missing_scope', {
    needed: accepted[0] ?? '',
    provided: [...caller.scopes].join(','),
  });
}

/**
 * Method-level scope check for methods that accept a scope per conversation type: a token with
 * none of `accepted` gets `missing_scope` whose `needed` lists them all, as Slack reports it.
 */
export function requireAnyScope(caller: Caller, accepted: readonly string[]): void {
  if (accepted.some((scope) => caller.scopes.has(scope))) return;
  throw new SlackApiError('missing_scope', {
    needed: accepted.join(','),
    provided: [...caller.scopes].join(','),
  });
}

export function isMember(conversation: StoredConversation, userId: string): boolean {
  return conversation.memberIds.has(userId);
}

/**
 * Public channels are visible to everyone; private channels, IMs and MPIMs only to members.
 * Classified by flags (an IM is private even when its entry omits `is_private`).
 */
export function isVisibleTo(conversation: StoredConversation, caller: Caller): boolean {
  return (
    conversationType(conversation.data) === 'public_channel' ||
    isMember(conversation, caller.userId)
  );
}

/**
 * Resolves the `channel` argument the way Slack does: unknown IDs and conversations the caller
 * may not see are `channel_not_found` (checked before the scope, so `needed` never reveals the
 * type of a conversation the caller cannot see); then the scope for that conversation's type.
 */
export function findConversation(
  context: MethodContext,
  access: AccessKind,
  argument = 'channel',
): StoredConversation {
  const caller = requireCaller(context);
  const id = context.params.string(argument);
  const conversation = id === undefined ? undefined : context.state.conversations.get(id);
  if (!conversation || !isVisibleTo(conversation, caller)) {
    throw new SlackApiError('channel_not_found');
  }
  requireScope(caller, acceptedScopes(conversationType(conversation.data), access, caller.isBot));
  return conversation;
}
