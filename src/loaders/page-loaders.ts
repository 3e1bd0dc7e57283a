import { pageLimitOf, SLACK_METHODS, type SlackMethod } from '../slack/methods.js';
import type { SlackArgs } from '../slack/slack-api.js';
import type {
  SlackConversation,
  SlackConversationsListResponse,
  SlackEnvelope,
  SlackMembersResponse,
  SlackMessage,
  SlackMessagesResponse,
  SlackTs,
} from '../slack/wire-types.js';
import type { ConversationLoader } from './conversation-loader.js';
import type { MessageLoader } from './message-loader.js';
import type { SlackCaller } from './slack-caller.js';

/** One Slack page: its items and the cursor of the next page (`''` at the end). */
export interface SlackPage<T> {
  items: readonly T[];
  nextCursor: string;
  /**
   * The `limit` Slack was asked for, when the loader chose it instead of `PageRequest.limit`
   * (see `filteredPage`); edge cursors record it, so a resumed connection replays the page
   * Slack actually returned.
   */
  limit?: number;
}

type FilteringMethod = 'conversations.list' | 'users.conversations';

export interface PageLoaderOptions {
  /** The app is an unlisted distributed app: history and replies pages hold at most 15. */
  unlistedApp?: boolean | undefined;
}

/** The position of a page: Slack's cursor (`''` for the first page) and the `limit` asked for. */
export interface PageRequest {
  cursor: string;
  limit: number;
}

export interface ConversationListFilter {
  /** Slack's CSV; omitted: Slack's default (`public_channel`). */
  types?: string | undefined;
  excludeArchived: boolean;
  teamId?: string | undefined;
}

export interface UserConversationsFilter {
  types?: string | undefined;
  excludeArchived: boolean;
  /** Omitted: the caller's own conversations. */
  user?: string | undefined;
}

export interface HistoryFilter {
  channel: string;
  oldest?: SlackTs | undefined;
  latest?: SlackTs | undefined;
  inclusive?: boolean | undefined;
}

/**
 * Page fetchers for every cursor-paginated read. Identical calls within one request are made
 * once (the caller passed in already de-duplicates), and every object that comes in a page
 * primes the by-ID loaders.
 */
export interface PageLoaders {
  /** @see https://docs.slack.dev/reference/methods/conversations.list */
  conversationsList(
    filter: ConversationListFilter,
    page: PageRequest,
  ): Promise<SlackPage<SlackConversation>>;
  /** @see https://docs.slack.dev/reference/methods/users.conversations */
  usersConversations(
    filter: UserConversationsFilter,
    page: PageRequest,
  ): Promise<SlackPage<SlackConversation>>;
  /** @see https://docs.slack.dev/reference/methods/conversations.members */
  conversationMembers(channel: string, page: PageRequest): Promise<SlackPage<string>>;
  /** @see https://docs.slack.dev/reference/methods/conversations.history */
  history(filter: HistoryFilter, page: PageRequest): Promise<SlackPage<SlackMessage>>;
  /** @see https://docs.slack.dev/reference/methods/conversations.replies */
  replies(channel: string, ts: SlackTs, page: PageRequest): Promise<SlackPage<SlackMessage>>;
}

export function createPageLoaders(
  call: SlackCaller,
  conversations: ConversationLoader,
  messages: MessageLoader,
  { unlistedApp = false }: PageLoaderOptions = {},
): PageLoaders {
  const fetch = <T extends SlackEnvelope>(
    method: SlackMethod,
    args: SlackArgs,
    page: PageRequest,
  ) => call<T>(method, { ...args, cursor: page.cursor || undefined, limit: page.limit });
  /** A history or replies page, its `limit` capped for unlisted apps (and then recorded). */
  const timeline = async (
    method: 'conversations.history' | 'conversations.replies',
    channel: string,
    args: SlackArgs,
    page: PageRequest,
  ): Promise<SlackPage<SlackMessage>> => {
    const limit = Math.min(page.limit, pageLimitOf(method, unlistedApp));
    const response = await fetch<SlackMessagesResponse>(method, args, { ...page, limit });
    messages.prime(channel, response.messages);
    const items = { items: response.messages, nextCursor: nextCursor(response) };
    return limit === page.limit ? items : { ...items, limit };
  };
  /**
   * The page asked of a method that cuts a page before filtering it (conversations.list and
   * users.conversations drop rows of other `types`, archived rows and rows the caller cannot see
   * after taking `limit` rows): a smaller `limit` can only return fewer of the wanted rows, never
   * save a call, and Slack's rate limits count calls, not rows. So it is the largest `limit`.
   */
  const filteredPage = (method: FilteringMethod, page: PageRequest): PageRequest => ({
    cursor: page.cursor,
    limit: SLACK_METHODS[method].maxLimit,
  });

  /** A page of a method that filters after cutting (see `filteredPage`); primes the loader. */
  const filteredConversations = async (
    method: FilteringMethod,
    page: PageRequest,
    args: SlackArgs,
  ): Promise<SlackPage<SlackConversation>> => {
    const asked = filteredPage(method, page);
    const response = await fetch<SlackConversationsListResponse>(method, args, asked);
    conversations.prime(response.channels, method);
    return { items: response.channels, nextCursor: nextCursor(response), limit: asked.limit };
  };

  return {
    conversationsList(filter, page) {
      return filteredConversations('conversations.list', page, {
        types: filter.types,
        exclude_archived: filter.excludeArchived || undefined,
        team_id: filter.teamId,
      });
    },
    usersConversations(filter, page) {
      return filteredConversations('users.conversations', page, {
        types: filter.types,
        exclude_archived: filter.excludeArchived || undefined,
        user: filter.user,
      });
    },
    async conversationMembers(channel, page) {
      const response = await fetch<SlackMembersResponse>(
        'conversations.members',
        { channel },
        page,
      );
      return { items: response.members, nextCursor: nextCursor(response) };
    },
    history(filter, page) {
      const { channel, oldest, latest, inclusive } = filter;
      return timeline(
        'conversations.history',
        channel,
        { channel, oldest, latest, inclusive },
        page,
      );
    },
    replies(channel, ts, page) {
      return timeline('conversations.replies', channel, { channel, ts }, page);
    },
  };
}

/**
 * Slack ends a collection with `next_cursor` `""`, `null` or absent
 * (docs/slack-behaviour.md#cursor-pagination).
 */
function nextCursor(response: SlackEnvelope): string {
  return response.response_metadata?.next_cursor ?? '';
}
