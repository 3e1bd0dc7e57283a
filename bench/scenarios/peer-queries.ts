/**
 * The operations of the peer comparisons, as each server spells them: ours (Relay connections,
 * camelCase), Tailcall (bench/peers/tailcall/slack.graphql: Slack's envelope, one list page) and
 * Mesh + Hive Gateway (bench/peers/mesh-hive-gateway: generated from OpenAPI, snake_case, no
 * links between methods, so a client joins creators and members itself).
 *
 * Q1: 200 conversations with topic, purpose and the creator's name. Q2: 200 conversations with
 * the creator's name and 5 members each. Q3: one conversation by id with name and topic.
 */
import { LIST_WITH_CREATORS, LIST_WITH_MEMBERS } from './queries.js';

export const OURS_Q1 = LIST_WITH_CREATORS;
export const OURS_Q2 = LIST_WITH_MEMBERS;
/** One conversation's operations take its id as a literal: each request sends the same bytes. */
export const oursQ3 = (id: string) => `query ConversationById {
  conversation(id: ${JSON.stringify(id)}) { id name topic { value } }
}`;
/** The tier burst: one conversation with its creator's name. */
export const oursWithCreator = (id: string) => `query ConversationWithCreator {
  conversation(id: ${JSON.stringify(id)}) { id name topic { value } creator { id name } }
}`;

export const TAILCALL_Q1 = `query ListWithCreators {
  conversations(limit: 200) {
    ok error response_metadata { next_cursor }
    channels { id name topic { value } purpose { value } creator { id name } }
  }
}`;
export const TAILCALL_Q2 = `query ListWithMembers {
  conversations(limit: 200) {
    ok error response_metadata { next_cursor }
    channels { id name creator { id name } members(limit: 5) }
  }
}`;
/** Tailcall's field has the same name and shape as ours: only the id's type differs. */
export const tailcallQ3 = oursQ3;
export const tailcallWithCreator = oursWithCreator;

export const MESH_LIST = `query List {
  conversations_list(limit: 200) {
    ok error response_metadata { next_cursor }
    channels { id name creator topic { value } purpose { value } }
  }
}`;
export const meshQ3 = (id: string) => `query ConversationById {
  conversations_info(channel: ${JSON.stringify(id)}) { ok error channel { id name topic { value } } }
}`;
/** The burst on Mesh: the conversation and its creator's ID (a name needs a second query). */
export const meshWithCreator = (id: string) => `query ConversationWithCreator {
  conversations_info(channel: ${JSON.stringify(id)}) { ok error channel { id name topic { value } creator } }
}`;

/**
 * The second query a Mesh client sends after MESH_LIST: each distinct creator's name, and for Q2
 * the first 5 members of each conversation, as aliased root fields of one operation.
 */
export function meshJoinQuery(
  creators: readonly string[],
  membersOf: readonly string[] = [],
): string {
  const users = creators.map(
    (id, index) => `u${index}: users_info(user: ${JSON.stringify(id)}) { ok user { id name } }`,
  );
  const members = membersOf.map(
    (id, index) =>
      `m${index}: conversations_members(channel: ${JSON.stringify(id)}, limit: 5) { ok members }`,
  );
  return `query Join {\n  ${[...users, ...members].join('\n  ')}\n}`;
}
