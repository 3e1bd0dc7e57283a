import {
  type FieldNode,
  type GraphQLResolveInfo,
  getArgumentValues,
  isObjectType,
  type SelectionSetNode,
} from 'graphql';
import { SLACK_MAX_PAGE_LIMIT } from '../slack/methods.js';
import type { SlackConversation } from '../slack/wire-types.js';
import { DEFAULT_FIRST, firstPageLimit, MAX_FIRST } from './connection.js';
import type { GraphQLContext } from './context-type.js';
import {
  type HistoryArgs,
  historyFilter,
  historyPages,
  memberPages,
} from './conversation-pages.js';

/**
 * Starts the first Slack page of `members` and `messages` selected on `conversation(id:)` while
 * conversations.info is still in flight: their arguments are known from the operation alone, so
 * they need not wait for the conversation. The connections' own resolvers then make the very
 * same calls, which the request's de-duplication answers with these. Only plain first pages are
 * started (no `after`, no directives); anything else resolves as before. A conversation that
 * turns out not to exist costs these calls too (with a token: without one no call is made).
 */
export function prefetchConversationPages(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
  channel: string,
): void {
  pagePrefetch(
    context,
    info,
    info.fieldNodes.map((node) => node.selectionSet),
  )?.(channel);
}

/**
 * For a connection of conversations (`conversations`, `User.conversations`…): what starts, for
 * one conversation of a page as soon as the page is in (before GraphQL walks its nodes), the
 * first pages of `members` and `messages` selected under `edges { node { … } }` and the lookup of
 * its creator when `creator` selects more than its `id`; `undefined` when none is selected. The
 * nodes' resolvers then reuse these calls, as for `conversation(id:)`, and the creators of the
 * page are one users batch that leaves with the pages instead of after the walk.
 */
export function prefetchForListedConversations(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
): ((conversation: SlackConversation) => void) | undefined {
  const nodes = plainChildren(
    plainChildren(
      info.fieldNodes.map((node) => node.selectionSet),
      'edges',
    ),
    'node',
  );
  if (nodes.length === 0) return undefined;
  const pages = pagePrefetch(context, info, nodes);
  const creator = selectsUserData(plainChildren(nodes, 'creator'));
  if (pages === undefined && !creator) return undefined;
  return (conversation) => {
    pages?.(conversation.id);
    if (creator && conversation.creator) {
      // The resolver reports a failure; this promise is the very one it gets from the loader.
      context.loaders.users.load(conversation.creator).catch(() => {});
    }
  };
}

/**
 * Whether selections on a User ask for more than `id` and `__typename` (which need no call),
 * directly or in inline fragments. Named fragments are not followed: such a creator is looked up
 * by its resolver, as before.
 */
function selectsUserData(sets: readonly SelectionSetNode[]): boolean {
  return sets.some((set) =>
    set.selections.some((selection) =>
      selection.kind === 'Field'
        ? selection.name.value !== 'id' && selection.name.value !== '__typename'
        : selection.kind === 'InlineFragment' && selectsUserData([selection.selectionSet]),
    ),
  );
}

/**
 * Resolves with `value` in the event loop's check phase. undici writes a request on a reused
 * keep-alive socket only there (it first lets the socket report a close or stray bytes), so
 * without this hop the calls a page just started would wait for GraphQL to walk the whole page
 * (200 nodes, about 10 ms) before leaving.
 */
export function afterStartedCallsLeave<T>(value: T): Promise<T> {
  return new Promise((resolve) => setImmediate(resolve, value));
}

/** The selection sets of the fields named `name` (without directives) in `sets`. */
function plainChildren(
  sets: readonly (SelectionSetNode | undefined)[],
  name: string,
): SelectionSetNode[] {
  return sets.flatMap((set) =>
    (set?.selections ?? []).flatMap((selection) =>
      selection.kind === 'Field' &&
      selection.name.value === name &&
      (selection.directives?.length ?? 0) === 0 &&
      selection.selectionSet !== undefined
        ? [selection.selectionSet]
        : [],
    ),
  );
}

/**
 * What starts the plain first pages of `members` and `messages` that `sets` (selections on a
 * Conversation) ask for, given the conversation's id; `undefined` when they ask for none.
 */
function pagePrefetch(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
  sets: readonly (SelectionSetNode | undefined)[],
): ((channel: string) => void) | undefined {
  const type = info.schema.getType('Conversation');
  if (!isObjectType(type)) return undefined;
  const fields = type.getFields();
  const starts: ((channel: string) => Promise<unknown>)[] = [];
  for (const set of sets) {
    for (const selection of set?.selections ?? []) {
      if (selection.kind !== 'Field' || (selection.directives?.length ?? 0) > 0) continue;
      const name = selection.name.value;
      if (name !== 'members' && name !== 'messages') continue;
      const definition = fields[name];
      if (definition === undefined) continue;
      const first = firstPageOf(selection, definition, info);
      if (first === undefined) continue;
      const page = { cursor: '', limit: first.limit };
      starts.push(
        name === 'members'
          ? (channel) => memberPages(context, channel)(page)
          : (channel) => historyPages(context, historyFilter(channel, first.args))(page),
      );
    }
  }
  if (starts.length === 0) return undefined;
  return (channel) => {
    for (const start of starts) {
      // The resolver reports failures; a conversation that fails to load never reads this one.
      start(channel).catch(() => {});
    }
  };
}

/** The first page's `limit`, or `undefined` when the field is not a plain first page. */
function firstPageOf(
  selection: FieldNode,
  definition: Parameters<typeof getArgumentValues>[0],
  info: GraphQLResolveInfo,
): { limit: number; args: HistoryArgs } | undefined {
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(definition, selection, info.variableValues);
  } catch {
    return undefined; // the resolver reports invalid arguments
  }
  if (args.after != null || args.before != null || args.last != null) return undefined;
  const first = (args.first as number | null | undefined) ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 0 || first > MAX_FIRST) return undefined;
  return { limit: firstPageLimit(first, SLACK_MAX_PAGE_LIMIT), args: args as HistoryArgs };
}
