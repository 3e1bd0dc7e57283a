import { raiseClosed, raiseImCreated, raiseOpened } from '../events/raise-events.js';
import { acceptedScopes } from '../protocol/scopes.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import type { StoredConversation } from '../state/store.js';
import { findConversation, requireCaller, requireScope } from './conversation-access.js';
import { createIm, createMpim, findDirectConversation } from './direct-conversations.js';
import type { Caller, MethodContext, MethodResult } from './method-context.js';
import type { MethodDefinition } from './method-definition.js';
import {
  CONVERSATION_WRITE_SCOPES,
  conversationWriteMethod,
  presentWritten,
} from './write-guards.js';

/** conversations.open takes 1–8 users besides the caller (REFERENCE §4.6). */
export const MAX_DIRECT_USERS = 8;

function rejectChannels(conversation: StoredConversation): void {
  if (!conversation.data.is_im && !conversation.data.is_mpim) {
    throw new SlackApiError('method_not_supported_for_channel_type');
  }
}

/** The existing DM/group DM for `users`, or a new one unless `prevent_creation`. */
function findOrCreate(context: MethodContext, caller: Caller): [StoredConversation, boolean] {
  const { params, state } = context;
  const listed = params.list('users');
  if (listed === undefined || listed.length === 0) {
    throw new SlackApiError('users_list_not_supplied');
  }
  const others = [...new Set(listed)].filter((id) => id !== caller.userId);
  if (others.length === 0) throw new SlackApiError('not_enough_users');
  requireScope(caller, acceptedScopes(others.length === 1 ? 'im' : 'mpim', 'write', caller.isBot));
  if (others.length > MAX_DIRECT_USERS) throw new SlackApiError('too_many_users');
  for (const id of others) {
    const user = state.users.get(id);
    if (!user) throw new SlackApiError('user_not_found');
    if (user.deleted) throw new SlackApiError('user_disabled');
  }
  const memberIds = [caller.userId, ...others];
  const existing = findDirectConversation(state, memberIds);
  if (existing) return [existing, true];
  if (params.bool('prevent_creation')) throw new SlackApiError('channel_not_found');
  const [peer = ''] = others;
  return [
    others.length === 1 ? createIm(state, caller.userId, peer) : createMpim(state, memberIds),
    false,
  ];
}

/**
 * conversations.open: `channel` resumes an existing DM/group DM; otherwise `users` (1 ID → DM,
 * 2–8 → group DM) finds the conversation for exactly that set of users or creates it. The
 * conversation becomes open for the caller (not with `prevent_creation`, which only looks up).
 * The answer is `{ channel: { id } }`, or the full object with `return_im`; `no_op` and
 * `already_open` are added when it already existed and was already open for the caller.
 * @see https://docs.slack.dev/reference/methods/conversations.open
 */
export const conversationsOpen: MethodDefinition = {
  name: 'conversations.open',
  tier: 't3',
  acceptsJson: true,
  acceptedScopes: CONVERSATION_WRITE_SCOPES,
  handle(context) {
    const caller = requireCaller(context);
    let conversation: StoredConversation;
    let existed = true;
    if (context.params.has('channel')) {
      conversation = findConversation(context, 'write');
      rejectChannels(conversation);
    } else {
      [conversation, existed] = findOrCreate(context, caller);
    }
    const wasOpen = existed && conversation.openFor.has(caller.userId);
    const { state } = context;
    if (!existed && conversation.data.is_im) raiseImCreated(state, conversation, caller.userId);
    if (!context.params.bool('prevent_creation') && !wasOpen) {
      conversation.openFor.add(caller.userId);
      raiseOpened(state, conversation, caller.userId);
    }
    const result: MethodResult = {};
    if (wasOpen) Object.assign(result, { no_op: true, already_open: true });
    result.channel = context.params.bool('return_im')
      ? presentWritten(context, conversation, caller)
      : { id: conversation.data.id };
    return result;
  },
};

/**
 * conversations.close: DMs and group DMs only; closes the conversation for the caller (membership
 * is unchanged). Closing a closed conversation answers `no_op` and `already_closed`.
 * @see https://docs.slack.dev/reference/methods/conversations.close
 */
export const conversationsClose = conversationWriteMethod(
  'conversations.close',
  't2',
  (context, caller, conversation) => {
    rejectChannels(conversation);
    if (!conversation.openFor.delete(caller.userId)) return { no_op: true, already_closed: true };
    raiseClosed(context.state, conversation, caller.userId);
    return {};
  },
);
