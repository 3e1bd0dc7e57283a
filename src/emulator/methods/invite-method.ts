import type { SlackInviteError } from '../../slack/wire-types.js';
import { raiseMemberJoined } from '../events/raise-events.js';
import type { SlackErrorCode } from '../protocol/error-codes.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import type { StoredConversation, WorkspaceState } from '../state/store.js';
import { findConversation, isMember, requireCaller } from './conversation-access.js';
import type { MethodResult } from './method-context.js';
import type { MethodDefinition } from './method-definition.js';
import { announceJoin } from './system-messages.js';
import {
  addMember,
  presentWritten,
  rejectArchived,
  rejectDirectMessages,
  requireMember,
} from './write-guards.js';

/**
 * Most IDs one call may list. Slack's current argument text says 100 while older texts, the
 * OpenAPI spec and the Node SDK say 1000 (REFERENCE §8 item 3); the emulator enforces the
 * stricter 100 (`too_many_users`), so a client that passes here also passes on Slack.
 */
export const MAX_INVITEES = 100;

/** Why one user cannot be invited, or `undefined` when they can. */
function inviteProblem(
  state: WorkspaceState,
  conversation: StoredConversation,
  inviter: string,
  userId: string,
): SlackErrorCode | undefined {
  const user = state.users.get(userId);
  if (!user) return 'user_not_found';
  if (userId === inviter) return 'cant_invite_self';
  if (user.deleted) return 'cant_invite';
  if (isMember(conversation, userId)) return 'already_in_channel';
  return undefined;
}

/**
 * conversations.invite. Per-user failures are reported in `errors` ([{ user, ok: false, error }])
 * as Slack does:
 * - users already in the channel never block the others: the call succeeds with `errors` listing
 *   them, and fails with `already_in_channel` only when nobody could be invited;
 * - any other failure (`user_not_found`, `cant_invite_self`, `cant_invite`) fails the whole call
 *   (top-level `error` is the first such failure, nobody is invited) unless `force=true`, which
 *   invites the valid users and lists the rest in `errors`.
 * Each invited user gets a `channel_join` message with `inviter`.
 * @see https://docs.slack.dev/reference/methods/conversations.invite
 */
export const conversationsInvite: MethodDefinition = {
  name: 'conversations.invite',
  tier: 't3',
  acceptsJson: true,
  acceptedScopes: [
    'channels:manage',
    'channels:write',
    'channels:write.invites',
    'groups:write',
    'groups:write.invites',
    // Listed by Slack's catalogue although DMs cannot take invites.
    'im:write',
    'mpim:write',
  ],
  handle(context) {
    const caller = requireCaller(context);
    const conversation = findConversation(context, 'invite');
    rejectDirectMessages(conversation);
    const userIds = [...new Set(context.params.list('users') ?? [])];
    if (userIds.length === 0) throw new SlackApiError('no_user');
    if (userIds.length > MAX_INVITEES) throw new SlackApiError('too_many_users');
    const force = context.params.bool('force');
    requireMember(conversation, caller.userId);
    rejectArchived(conversation);
    const { state } = context;
    const failures: (SlackInviteError & { error: SlackErrorCode })[] = [];
    const invitees: string[] = [];
    for (const userId of userIds) {
      const error = inviteProblem(state, conversation, caller.userId, userId);
      if (error === undefined) invitees.push(userId);
      else failures.push({ user: userId, ok: false, error });
    }
    const blocking = failures.find((failure) => failure.error !== 'already_in_channel');
    const headline = blocking ?? failures[0];
    if (headline && (invitees.length === 0 || (blocking && !force))) {
      throw new SlackApiError(headline.error, { errors: failures });
    }
    for (const userId of invitees) {
      addMember(conversation, userId);
      raiseMemberJoined(state, conversation, userId, caller.userId);
      announceJoin(state, conversation, userId, caller.userId);
    }
    const result: MethodResult = { channel: presentWritten(context, conversation, caller) };
    if (failures.length > 0) result.errors = failures;
    return result;
  },
};
