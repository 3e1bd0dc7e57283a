/**
 * The fewest Slack calls for the list shapes, found by reading the emulator directly
 * (bench/lib/probe.ts) and costed by bench/lib/minimum.ts.
 */
import { cheapestUserPlan, criticalPathHops } from '../lib/minimum.js';
import {
  type ProbedConversation,
  probeConversationList,
  probeMembers,
  probeUserPages,
} from '../lib/probe.js';

export interface QueryPlan {
  /** Calls by method. */
  calls: Record<string, number>;
  total: number;
  /** Sequential rounds of calls on the critical path. */
  hops: number;
  distinctUsers: number;
  conversations: number;
}

function creatorsOf(conversations: readonly ProbedConversation[]): Set<string> {
  return new Set(conversations.flatMap((c) => (c.creator ? [c.creator] : [])));
}

function planOf(
  listCalls: number,
  conversations: readonly ProbedConversation[],
  perConversation: Record<string, number>,
  users: Set<string>,
  userPages: readonly (readonly string[])[],
  usersFromPerConversationHop: boolean,
): QueryPlan {
  const userPlan = cheapestUserPlan(users, userPages);
  const calls: Record<string, number> = { 'conversations.list': listCalls, ...perConversation };
  if (userPlan.pages > 0) calls['users.list'] = userPlan.pages;
  if (userPlan.infoCalls > 0) calls['users.info'] = userPlan.infoCalls;
  return {
    calls,
    total: Object.values(calls).reduce((sum, count) => sum + count, 0),
    hops: criticalPathHops({
      listPages: listCalls,
      perConversationHop: Object.keys(perConversation).length > 0,
      userPlan,
      usersFromPerConversationHop,
    }),
    distinctUsers: users.size,
    conversations: conversations.length,
  };
}

/** `first` conversations with topic, purpose and creator names. */
export async function planListWithCreators(
  apiUrl: string,
  token: string,
  first: number,
): Promise<QueryPlan> {
  const list = await probeConversationList(apiUrl, token, first);
  const pages = await probeUserPages(apiUrl, token);
  return planOf(list.calls, list.conversations, {}, creatorsOf(list.conversations), pages, false);
}

/** `first` conversations with creator names and the names of `members` members each. */
export async function planListWithMembers(
  apiUrl: string,
  token: string,
  first: number,
  members: number,
): Promise<QueryPlan> {
  const list = await probeConversationList(apiUrl, token, first);
  const pages = await probeUserPages(apiUrl, token);
  const users = creatorsOf(list.conversations);
  let fromMembersOnly = false;
  for (const conversation of list.conversations) {
    // The gateway asks for one more than `first` to know hasNextPage; the names are of `members`.
    const ids = await probeMembers(apiUrl, token, conversation.id, members + 1);
    for (const id of ids.slice(0, members)) {
      if (!users.has(id)) fromMembersOnly = true;
      users.add(id);
    }
  }
  const perConversation = { 'conversations.members': list.conversations.length };
  return planOf(list.calls, list.conversations, perConversation, users, pages, fromMembersOnly);
}
