import { callKey } from '../slack/form.js';
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
   * The `limit` Slack was asked for, when the loader capped `PageRequest.limit` (the method's or
   * an unlisted app's largest); edge cursors record it, so a resumed connection replays the page
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
  const send = <T extends SlackEnvelope>(method: SlackMethod, args: SlackArgs, page: PageRequest) =>
    call<T>(method, { ...args, cursor: page.cursor || undefined, limit: page.limit });
  const gathering = new Map<string, GatheredFirstPage>();
  /**
   * A page and the `limit` it was asked with. First pages of the same method and arguments asked
   * for in one turn (`a: members(first: 5)` next to `b: members(first: 50)`) are one call with
   * the largest `limit` asked, as one larger page was before first pages followed `first`.
   */
  const fetch = <T extends SlackEnvelope>(
    method: SlackMethod,
    args: SlackArgs,
    page: PageRequest,
  ): Promise<{ response: T; limit: number }> => {
    if (page.cursor !== '') {
      return send<T>(method, args, page).then((response) => ({ response, limit: page.limit }));
    }
    const key = callKey(method, args);
    let gathered = gathering.get(key);
    if (gathered === undefined) {
      const entry: GatheredFirstPage = {
        limit: page.limit,
        answer: Promise.resolve().then(() => {
          gathering.delete(key);
          const sent = entry.limit;
          return send(method, args, { cursor: '', limit: sent }).then((response) => ({
            response,
            limit: sent,
          }));
        }),
      };
      gathered = entry;
      gathering.set(key, gathered);
    }
    gathered.limit = Math.max(gathered.limit, page.limit);
    return gathered.answer as Promise<{ response: T; limit: number }>;
  };
  /** A page's items, with the `limit` sent when it is not the one asked for. */
  const pageOf = <T>(
    items: readonly T[],
    response: SlackEnvelope,
    sent: number,
    asked: number,
  ): SlackPage<T> => {
    const page = { items, nextCursor: nextCursor(response) };
    return sent === asked ? page : { ...page, limit: sent };
  };
  /** A history or replies page, its `limit` capped for unlisted apps (and then recorded). */
  const timeline = async (
    method: 'conversations.history' | 'conversations.replies',
    channel: string,
    args: SlackArgs,
    page: PageRequest,
  ): Promise<SlackPage<SlackMessage>> => {
    const capped = { ...page, limit: Math.min(page.limit, pageLimitOf(method, unlistedApp)) };
    const { response, limit } = await fetch<SlackMessagesResponse>(method, args, capped);
    messages.prime(channel, response.messages);
    return pageOf(response.messages, response, limit, page.limit);
  };
  /**
   * A page of conversations.list or users.conversations, its `limit` capped at the method's
   * largest; primes the loader. These methods cut a page before filtering it (other `types`,
   * archived rows, rows the caller cannot see), so pages may be short: the connection asks for
   * more than it needs on a first page (src/graphql/connection.ts `firstPageLimit`).
   */
  const filteredConversations = async (
    method: FilteringMethod,
    page: PageRequest,
    args: SlackArgs,
  ): Promise<SlackPage<SlackConversation>> => {
    const capped = { ...page, limit: Math.min(page.limit, SLACK_METHODS[method].maxLimit) };
    const { response, limit } = await fetch<SlackConversationsListResponse>(method, args, capped);
    conversations.prime(response.channels, method);
    return pageOf(response.channels, response, limit, page.limit);
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
      const { response, limit } = await fetch<SlackMembersResponse>(
        'conversations.members',
        { channel },
        page,
      );
      return pageOf(response.members, response, limit, page.limit);
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

/** First pages of one method and arguments asked for in the current turn, and their call. */
interface GatheredFirstPage {
  /** The largest `limit` asked so far: what the call sends. */
  limit: number;
  answer: Promise<{ response: SlackEnvelope; limit: number }>;
}

/**
 * Slack ends a collection with `next_cursor` `""`, `null` or absent
 * (docs/slack-behaviour.md#cursor-pagination).
 */
function nextCursor(response: SlackEnvelope): string {
  return response.response_metadata?.next_cursor ?? '';
}
