import type { PageRequest, SlackPage } from '../loaders/index.js';
import { SLACK_MAX_PAGE_LIMIT } from '../slack/methods.js';
import {
  type ConnectionArgs,
  resolveMappedSlackConnection,
  type SlackConnection,
} from './connection.js';
import type { GraphQLContext } from './context-type.js';

export interface ConnectionFieldOptions<T, N> {
  /** `Type.field`, e.g. `Conversation.members`. */
  field: string;
  /** The parent object's ID (`''` for root fields). */
  parent: string;
  /** Every argument that shapes the Slack calls; the same on every page of the connection. */
  filters: Readonly<Record<string, unknown>>;
  args: ConnectionArgs;
  fetchPage(page: PageRequest): Promise<SlackPage<T>>;
  toNode(item: T): N;
  /** See `SlackConnectionOptions.filtersAfterCut`. */
  filtersAfterCut?: boolean;
}

/**
 * Resolves a connection field: cursors are bound to the field, its parent, its filters and the
 * caller's token fingerprint, so a cursor from any other connection, filter or token is refused
 * (BAD_USER_INPUT) before any Slack call.
 */
export function resolveConnectionField<T, N>(
  context: GraphQLContext,
  options: ConnectionFieldOptions<T, N>,
): Promise<SlackConnection<N>> {
  const binding = JSON.stringify([
    options.field,
    options.parent,
    options.filters,
    context.tokenFingerprint,
  ]);
  return resolveMappedSlackConnection(
    {
      args: options.args,
      binding,
      maxLimit: SLACK_MAX_PAGE_LIMIT,
      filtersAfterCut: options.filtersAfterCut,
      sealer: context.cursorSealer,
      fetchPage: options.fetchPage,
    },
    options.toNode,
  );
}
