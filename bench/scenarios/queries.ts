/** The operations the scenarios send, one per shape, for our gateway and for the yardsticks. */

/** Scenario 1: 200 conversations with topic, purpose and the creator's name. */
export const LIST_WITH_CREATORS = `query ListWithCreators {
  conversations(first: 200) {
    pageInfo { hasNextPage endCursor }
    edges { node { id name topic { value } purpose { value } creator { id name } } }
  }
}`;

/** Scenarios 2 and 3: 200 conversations with the creator's name and 5 members' names. */
export const LIST_WITH_MEMBERS = `query ListWithMembers {
  conversations(first: 200) {
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id name creator { id name }
        members(first: 5) { edges { node { id name } } }
      }
    }
  }
}`;

/** Scenario 3: one `conversations.list` call, names only. */
export const LIST_NAMES = `query ListNames {
  conversations(first: 50) { edges { node { name } } }
}`;

/** Scenario 3: three calls that need nothing from each other (info, members, history). */
export const CONVERSATION_PAGES = `query ConversationPages($id: ID!) {
  conversation(id: $id) {
    numMembers
    members(first: 20) { edges { node { id } } }
    messages(first: 20) { edges { node { ts } } }
  }
}`;

/** Scenarios 5 and 7 (throughput): 200 conversations with topic and purpose, no users. */
export const LIST_PLAIN = `query ListPlain {
  conversations(first: 200) {
    edges { node { id name isPrivate isArchived topic { value } purpose { value } } }
  }
}`;

/** LIST_PLAIN for the baseline server (bench/baseline/): a plain list. */
export const BASELINE_LIST_PLAIN = `query ListPlain {
  conversations(limit: 200) { id name isPrivate isArchived topic { value } purpose { value } }
}`;

/** LIST_PLAIN for the Mesh + Hive Gateway peer (snake_case, Slack's envelope). */
export const PEER_LIST_PLAIN = `query ListPlain {
  conversations_list(limit: 200) {
    channels { id name is_private is_archived topic { value } purpose { value } }
  }
}`;

/** Scenario 6 and the soak: one conversation with its creator's name. */
export const ONE_CONVERSATION = `query OneConversation($id: ID!) {
  conversation(id: $id) { id name topic { value } creator { id name } }
}`;

/** Resolves only the token's identity (auth.test): warms a fresh gateway without caching data. */
export const IDENTITY = 'query Identity { viewer { team { id } } }';
