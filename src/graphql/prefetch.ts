import { type FieldNode, type GraphQLResolveInfo, getArgumentValues, isObjectType } from 'graphql';
import { SLACK_MAX_PAGE_LIMIT } from '../slack/methods.js';
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
  const type = info.schema.getType('Conversation');
  if (!isObjectType(type)) return;
  const fields = type.getFields();
  for (const node of info.fieldNodes) {
    for (const selection of node.selectionSet?.selections ?? []) {
      if (selection.kind !== 'Field' || (selection.directives?.length ?? 0) > 0) continue;
      const name = selection.name.value;
      if (name !== 'members' && name !== 'messages') continue;
      const definition = fields[name];
      if (definition === undefined) continue;
      const first = firstPageOf(selection, definition, info);
      if (first === undefined) continue;
      const page = { cursor: '', limit: first.limit };
      const started =
        name === 'members'
          ? memberPages(context, channel)(page)
          : historyPages(context, historyFilter(channel, first.args))(page);
      // The resolver reports failures; a conversation that fails to load never reads this one.
      started.catch(() => {});
    }
  }
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
