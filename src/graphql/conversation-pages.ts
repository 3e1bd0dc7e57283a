import type { HistoryFilter, PageRequest, SlackPage } from '../loaders/index.js';
import type { SlackMessage } from '../slack/wire-types.js';
import type { GraphQLContext } from './context-type.js';

/** The `messages` arguments that shape conversations.history calls. */
export interface HistoryArgs {
  oldest?: string | null | undefined;
  latest?: string | null | undefined;
  inclusive?: boolean | null | undefined;
}

/** The Slack filter of a conversation's `messages` connection. */
export function historyFilter(channel: string, args: HistoryArgs): HistoryFilter {
  return {
    channel,
    oldest: args.oldest ?? undefined,
    latest: args.latest ?? undefined,
    inclusive: args.inclusive ?? undefined,
  };
}

/** Pages of a conversation's `members` connection (conversations.members). */
export function memberPages(
  context: GraphQLContext,
  channel: string,
): (page: PageRequest) => Promise<SlackPage<string>> {
  return (page) => context.loaders.pages.conversationMembers(channel, page);
}

/** Pages of a conversation's `messages` connection (conversations.history). */
export function historyPages(
  context: GraphQLContext,
  filter: HistoryFilter,
): (page: PageRequest) => Promise<SlackPage<SlackMessage>> {
  return (page) => context.loaders.pages.history(filter, page);
}
