import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

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

/** The second tab: a write, answered with its payload or an error a client can switch on. */
export const CREATE_CONVERSATION_MUTATION = `# Writes answer a union: the payload, or an error with Slack's code.
# Run it twice: the second time Slack answers name_taken.
mutation CreateConversation($name: String! = "graphiql-demo") {
  createConversation(input: { name: $name }) {
    __typename
    ... on CreateConversationPayload {
      conversation {
        id
        name
        isPrivate
        creator {
          name
        }
      }
    }
    ... on MutationError {
      code
      message
    }
  }
}
`;

/**
 * The third tab: a history page whose thread parents show `replyCount`, and one thread read by its
 * parent's id. `replies` on every message would cost a conversations.replies call per parent.
 */
export const THREADS_QUERY = `# History newest first: thread parents show replyCount and latestReply.
# Run Thread with a parent's id to read that thread, parent first: { "message": "<id>" }.
# (replies on every message would cost one conversations.replies call per thread parent.)
query Threads($id: ID! = "C01GENERAL0", $first: Int = 10, $after: String) {
  conversation(id: $id) {
    name
    messages(first: $first, after: $after) {
      edges {
        node {
          id
          ts
          text
          user {
            name
          }
          replyCount
          latestReply
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}

# The default id is the demo workspace's welcome thread in #general.
query Thread(
  $message: ID! = "msg_QzAxR0VORVJBTDA6MTU0NjQ0NjQ5NS4wOTQ1ODA"
  $first: Int = 10
  $after: String
) {
  node(id: $message) {
    ... on Message {
      text
      replyCount
      replies(first: $first, after: $after) {
        edges {
          node {
            ts
            text
            user {
              name
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
}
`;

export interface GraphiqlSettings {
  /**
   * Pre-filled as `Authorization: Bearer <token>`: only the embedded emulator's demo token, whose
   * data is fake. A real token is never written into the page.
   */
  demoToken?: string;
}

/**
 * GraphiQL settings: three tabs that show the graph off (a page of conversations and one
 * conversation with members and history, a mutation, threads). Headers are never persisted in
 * the browser's storage, so a token typed into the headers editor does not outlive the tab.
 */
export function graphiqlOptionsFor({ demoToken }: GraphiqlSettings = {}): GraphiQLOptions {
  const headers =
    demoToken === undefined ? undefined : JSON.stringify({ Authorization: `Bearer ${demoToken}` });
  return {
    title: 'Slack conversations GraphQL',
    defaultQuery: DEFAULT_QUERY,
    defaultTabs: [DEFAULT_QUERY, CREATE_CONVERSATION_MUTATION, THREADS_QUERY].map((query) => ({
      query,
      headers,
    })),
    headers,
    shouldPersistHeaders: false,
  };
}

/**
 * yoga's offline GraphiQL page, pinned to the viewport: the editors' hidden layers are taller than
 * the window, and without this the page itself scrolls into blank space below GraphiQL.
 * `contain: paint` clips them (absolutely positioned ones included) to GraphiQL's own box.
 * The renderer inlines GraphiQL's whole bundle (about 50 MB resident once loaded), so it is
 * imported on the first page request, never by a gateway that only answers queries.
 */
export async function renderGraphiqlPage(options: GraphiQLOptions): Promise<string> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  return renderGraphiQL(options).replace(
    '</head>',
    '<style>html, body, #root { height: 100%; margin: 0; } #root { contain: paint; }</style></head>',
  );
}

/**
 * Forbids framing GraphiQL (any HTML the gateway serves): a page that framed it with a
 * pre-filled `?query=` could trick a visitor into running it with the default token
 * (clickjacking).
 * @see https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy/frame-ancestors
 */
export function useNoFraming(): Plugin {
  return {
    onResponse({ response }) {
      if (!response.headers.get('content-type')?.startsWith('text/html')) return;
      response.headers.set('x-frame-options', 'DENY');
      response.headers.set('content-security-policy', "frame-ancestors 'none'");
    },
  };
}

/**
 * `GET /` sends the browser to GraphiQL (302 to `graphqlPath`) instead of an empty 404: the root
 * URL is what a new user opens first.
 */
export function useRootRedirect(graphqlPath: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || url.pathname !== '/') return;
      endResponse(new fetchAPI.Response(null, { status: 302, headers: { location: graphqlPath } }));
    },
  };
}
