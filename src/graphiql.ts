import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * The query GraphiQL opens with: a page of conversations, then one conversation with its members
 * and latest messages. It must stay valid against the schema (test/integration/server.test.ts).
 */
export const DEFAULT_QUERY = `# Slack conversations over GraphQL.
# Authorization: send "Authorization: Bearer <token>" in the Headers tab, or leave it out to use
# the gateway's default token. Page on with: { "after": "<pageInfo.endCursor>" }.
# C01GENERAL0 is #general of the demo workspace; use an id from the list on a real workspace.
query Explore($first: Int = 5, $after: String, $id: ID! = "C01GENERAL0") {
  conversations(first: $first, after: $after, types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL]) {
    edges {
      node {
        id
        name
        type
        topic {
          value
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
  conversation(id: $id) {
    id
    name
    purpose {
      value
    }
    members(first: 5) {
      edges {
        node {
          id
          name
          realName
        }
      }
    }
    messages(first: 5) {
      edges {
        node {
          ts
          text
          user {
            name
          }
          replyCount
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
`;

/**
 * GraphiQL settings. Headers are never persisted in the browser's storage, so a token typed into
 * the headers editor does not outlive the tab.
 */
export const graphiqlOptions: GraphiQLOptions = {
  title: 'Slack conversations GraphQL',
  defaultQuery: DEFAULT_QUERY,
  shouldPersistHeaders: false,
};
