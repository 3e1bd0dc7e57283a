import type { SlackConversation, SlackConversationType } from '../../slack/wire-types.js';
import { conversationType } from '../protocol/conversation-kind.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import type { StoredConversation } from '../state/store.js';
import { isMember, isVisibleTo, requireCaller } from './conversation-access.js';
import {
  conversationCursor,
  conversationPage,
  decodeConversationCursor,
  workspaceConversations,
} from './conversation-pages.js';
import type { Caller, MethodContext, MethodResult } from './method-context.js';
import type { MethodDefinition } from './method-definition.js';
import { presentConversation } from './present-conversation.js';
import { LIST_SCOPES, requestedTypes } from './types-argument.js';

/** conversations.list: "must be an integer under 1000". */
const LIST_MAX_LIMIT = 999;
/**
 * users.conversations: "must be an integer with a max value of 999" (docs.slack.dev, 2025); the
 * older api.slack.com page (test/fixtures/slack-samples/users-conversations-reference.txt) said "no
 * larger than 1000".
 */
const USERS_CONVERSATIONS_MAX_LIMIT = 999;
const DEFAULT_LIMIT = 100;

interface ListQuery {
  caller: Caller;
  types: ReadonlySet<SlackConversationType>;
  excludeArchived: boolean;
  limit: number;
  /** The conversation the cursor names. */
  cursorId: string | undefined;
}

/** Scopes, then `types`, `exclude_archived`, `limit` and `cursor`; `team_id` is ignored (non-org tokens). */
function readListQuery(context: MethodContext, maxLimit: number): ListQuery {
  const caller = requireCaller(context);
  const types = requestedTypes(context, caller);
  const cursor = context.params.string('cursor');
  return {
    caller,
    types,
    excludeArchived: context.params.bool('exclude_archived'),
    limit: context.params.limit(DEFAULT_LIMIT, maxLimit),
    cursorId: cursor === undefined ? undefined : decodeConversationCursor(cursor),
  };
}

/**
 * Cuts the virtual page of `base` first, then applies the type filter, `keep` (visibility) and
 * `exclude_archived`, as Slack does: pages may be short, even empty, with a non-empty cursor.
 */
function listPage(
  context: MethodContext,
  query: ListQuery,
  base: readonly StoredConversation[],
  keep: (conversation: StoredConversation) => boolean,
  present: (conversation: StoredConversation) => SlackConversation,
): MethodResult {
  const page = conversationPage(context.state, base, query.cursorId, query.limit);
  const channels = page.rows
    .filter((entry) => query.types.has(conversationType(entry.data)))
    .filter((entry) => !(query.excludeArchived && entry.data.is_archived))
    .filter(keep)
    .map(present);
  return { channels, response_metadata: { next_cursor: conversationCursor(page.next) } };
}

/**
 * conversations.list: every public channel of the workspace (member or not) plus the private
 * channels, MPIMs and IMs the caller belongs to. Channels carry `is_member`; public and private
 * channels also `num_members` (as Slack's examples show; MPIMs do not); IMs are minimal.
 * @see https://docs.slack.dev/reference/methods/conversations.list
 */
export const conversationsList: MethodDefinition = {
  name: 'conversations.list',
  tier: 't2',
  acceptsJson: false,
  acceptedScopes: LIST_SCOPES,
  handle(context) {
    const query = readListQuery(context, LIST_MAX_LIMIT);
    const { state } = context;
    return listPage(
      context,
      query,
      workspaceConversations(state),
      (entry) => isVisibleTo(entry, query.caller),
      (entry) =>
        presentConversation(state, entry, query.caller, {
          isMember: true,
          numMembers: !entry.data.is_mpim && !entry.data.is_im,
          locale: false,
          memberState: 'none',
          minimalIm: true,
        }),
    );
  },
};

/**
 * users.conversations: the conversations the caller belongs to, or with `user=X` the ones X
 * belongs to: X's public channels, and X's private channels, MPIMs and IMs only where the caller
 * is a member too (users-conversations-reference.txt in test/fixtures/slack-samples). Objects omit
 * `is_member` and `num_members`. The virtual page is cut from X's memberships in workspace order.
 * `exclude_muted` is accepted and ignored (the emulator has no mute state).
 * @see https://docs.slack.dev/reference/methods/users.conversations
 */
export const usersConversations: MethodDefinition = {
  name: 'users.conversations',
  tier: 't3',
  // Seed 003 (api.slack.com): "This method does not currently accept application/json".
  acceptsJson: false,
  acceptedScopes: LIST_SCOPES,
  handle(context) {
    const query = readListQuery(context, USERS_CONVERSATIONS_MAX_LIMIT);
    const { state } = context;
    const subject = context.params.string('user') ?? query.caller.userId;
    if (!state.users.has(subject)) throw new SlackApiError('user_not_found');
    const base = workspaceConversations(state).filter((entry) => isMember(entry, subject));
    return listPage(
      context,
      query,
      base,
      (entry) => isVisibleTo(entry, query.caller),
      (entry) =>
        presentConversation(state, entry, query.caller, {
          isMember: false,
          numMembers: false,
          locale: false,
          memberState: 'none',
          minimalIm: true,
        }),
    );
  },
};
