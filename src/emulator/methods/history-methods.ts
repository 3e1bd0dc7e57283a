import type { SlackMessage } from '../../slack/wire-types.js';
import { encodeTsCursor } from '../protocol/cursors.js';
import { SlackApiError } from '../protocol/slack-api-error.js';
import { compareTs, type StoredConversation } from '../state/store.js';
import type { WorkspaceMessage } from '../state/workspace-file.js';
import {
  findConversation,
  isMember,
  requireAnyScope,
  requireCaller,
} from './conversation-access.js';
import type { Caller, MethodResult } from './method-context.js';
import type { MethodDefinition } from './method-definition.js';
import { cutPage, type VirtualPage } from './paginate.js';
import { isReply, presentMessage, threadIndex } from './thread-summary.js';
import { inBounds, readTimelineQuery } from './timeline-arguments.js';

const HISTORY_SCOPES: readonly string[] = [
  'channels:history',
  'groups:history',
  'mpim:history',
  'im:history',
];

/** Messages that cannot start a thread: replies naming them are `thread_not_found`. */
const UNTHREADABLE_SUBTYPES = new Set(['channel_join', 'channel_leave']);

/**
 * Bot tokens read only conversations they are in; user tokens read every public channel too
 * (private ones are already invisible to non-members).
 * @see docs/slack-behaviour.md#who-sees-what rule 4
 */
function requireReadAccess(conversation: StoredConversation, caller: Caller): void {
  if (caller.isBot && !isMember(conversation, caller.userId)) {
    throw new SlackApiError('not_in_channel');
  }
}

/** `has_more`, and `response_metadata.next_cursor` only when there is a next page. */
function pageEnd(page: VirtualPage<WorkspaceMessage>): MethodResult {
  if (page.next === undefined) return { has_more: false };
  return { has_more: true, response_metadata: { next_cursor: encodeTsCursor(page.next.ts) } };
}

/**
 * conversations.history: top-level messages newest first (thread replies only when broadcast,
 * subtype `thread_broadcast`, carrying their `root`), thread parents with computed summaries,
 * `oldest`/`latest` bounds, `has_more` and `next_ts` cursors. `limit` default 100, max 999.
 * @see https://docs.slack.dev/reference/methods/conversations.history
 */
const conversationsHistory: MethodDefinition = {
  name: 'conversations.history',
  tier: 't3',
  acceptsJson: true,
  acceptedScopes: HISTORY_SCOPES,
  handle(context) {
    const caller = requireCaller(context);
    requireAnyScope(caller, HISTORY_SCOPES);
    const query = readTimelineQuery(context, caller, { defaultLimit: 100, maxLimit: 999 });
    const conversation = findConversation(context, 'history');
    requireReadAccess(conversation, caller);
    const index = threadIndex(conversation);
    const timeline = conversation.messages
      .filter((message) => !isReply(message) || message.subtype === 'thread_broadcast')
      .filter((message) => inBounds(message.ts, query))
      .reverse();
    const { cursorTs } = query;
    const start =
      cursorTs === undefined
        ? 0
        : firstIndex(timeline, (message) => compareTs(message.ts, cursorTs) <= 0);
    const page = cutPage(timeline, start, query.limit);
    const parents = new Map(conversation.messages.map((message) => [message.ts, message]));
    const messages = page.rows.map((message) => {
      const shown = presentMessage(message, index, query.includeAllMetadata);
      const parent = isReply(message) ? parents.get(message.thread_ts ?? '') : undefined;
      if (parent) shown.root = presentMessage(parent, index, query.includeAllMetadata);
      return shown;
    });
    const pinCount = conversation.messages.filter((message) =>
      message.pinned_to?.includes(conversation.data.id),
    ).length;
    return {
      ...query.echo,
      messages,
      ...pageEnd(page),
      pin_count: pinCount,
      channel_actions_ts: null,
      channel_actions_count: 0,
    };
  },
};

/**
 * conversations.replies: the thread of `ts` (a parent's ts, or any reply's ts, which finds its
 * thread), parent first with its summary, then replies oldest first with `parent_user_id`.
 * The parent opens the first page whatever the bounds (Slack returns the thread root with every
 * first page); `oldest`/`latest` bound the replies; `limit` counts every row, parent included;
 * continuation pages hold replies only. `limit` default and max 1000 (15 for unlisted apps).
 * @see https://docs.slack.dev/reference/methods/conversations.replies
 */
const conversationsReplies: MethodDefinition = {
  name: 'conversations.replies',
  tier: 't3',
  acceptsJson: false,
  acceptedScopes: HISTORY_SCOPES,
  handle(context) {
    const caller = requireCaller(context);
    requireAnyScope(caller, HISTORY_SCOPES);
    const ts = context.params.requiredString('ts', 'thread_not_found');
    const query = readTimelineQuery(context, caller, { defaultLimit: 1000, maxLimit: 1000 });
    const conversation = findConversation(context, 'history');
    requireReadAccess(conversation, caller);
    const parent = threadRoot(conversation, ts);
    const index = threadIndex(conversation);
    const replies = (index.get(parent.ts) ?? []).filter((reply) => inBounds(reply.ts, query));
    const thread = [parent, ...replies];
    const { cursorTs } = query;
    const start =
      cursorTs === undefined
        ? 0
        : firstIndex(thread, (message, at) => at > 0 && compareTs(message.ts, cursorTs) >= 0);
    const page = cutPage(thread, start, query.limit);
    const messages = page.rows.map((message): SlackMessage => {
      const shown = presentMessage(message, index, query.includeAllMetadata);
      if (message === parent) return shown;
      return parent.user === undefined ? shown : { ...shown, parent_user_id: parent.user };
    });
    return { messages, ...pageEnd(page) };
  },
};

/** The parent of the thread `ts` belongs to; `thread_not_found` when there is none. */
function threadRoot(conversation: StoredConversation, ts: string): WorkspaceMessage {
  const target = conversation.messages.find((message) => compareTs(message.ts, ts) === 0);
  if (!target || (target.subtype && UNTHREADABLE_SUBTYPES.has(target.subtype))) {
    throw new SlackApiError('thread_not_found');
  }
  if (!isReply(target)) return target;
  const parent = conversation.messages.find((message) => message.ts === target.thread_ts);
  if (!parent) throw new SlackApiError('thread_not_found');
  return parent;
}

/** The first index matching `predicate`, or `items.length` (an empty final page) when none does. */
function firstIndex<T>(items: readonly T[], predicate: (item: T, at: number) => boolean): number {
  const found = items.findIndex(predicate);
  return found < 0 ? items.length : found;
}

export const historyMethods: readonly MethodDefinition[] = [
  conversationsHistory,
  conversationsReplies,
];
