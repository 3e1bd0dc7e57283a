/**
 * A typed client in a few lines: documents written with `graphql(...)` are typed by
 * `npm run codegen` (examples/gql/), so variables and results are checked by TypeScript, and
 * each document carries its sha256 for persisted operations.
 *
 *   npm start                                    # the gateway, on the demo workspace
 *   npx tsx examples/typed-client.ts             # sends the documents' text
 *   npx tsx examples/typed-client.ts --persisted # sends only their sha256: works against
 *     PERSISTED_OPERATIONS=only PERSISTED_OPERATIONS_MANIFEST=examples/gql/persisted-documents.json
 */
import { pathToFileURL } from 'node:url';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { ChannelsWithMembersQuery } from './gql/graphql.js';
import { graphql } from './gql/index.js';

export const ChannelsWithMembers = graphql(`
  query ChannelsWithMembers($first: Int!, $after: String) {
    conversations(first: $first, after: $after) {
      edges {
        node {
          id
          name
          numMembers
          members(first: 3) { edges { node { id name } } }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const CreateChannel = graphql(`
  mutation CreateChannel($name: String!) {
    createConversation(input: { name: $name }) {
      __typename
      ... on CreateConversationPayload { conversation { id name } }
      ... on MutationError { code message }
    }
  }
`);

export interface ClientOptions {
  /** e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** Sent as `Authorization: Bearer <token>`; omit to use the gateway's default token. */
  token?: string;
  /** Send `{ documentId }` instead of the document's text. */
  persisted?: boolean;
}

/** A GraphQL response body. */
export interface GraphQLResult<TData> {
  data?: TData | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Runs a typed document; the result's type follows from the document. */
export async function execute<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  { url, token, persisted = false }: ClientOptions,
): Promise<GraphQLResult<TData>> {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  const body = persisted && hash !== undefined ? { documentId: hash } : { query: print(document) };
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ ...body, variables }),
  });
  return (await response.json()) as GraphQLResult<TData>;
}

/** `npx tsx examples/typed-client.ts [url] [--persisted]`: lists every public channel, page by page. */
async function main(argv: readonly string[]): Promise<void> {
  const url = argv.find((arg) => !arg.startsWith('--')) ?? 'http://127.0.0.1:4000/graphql';
  const persisted = argv.includes('--persisted');
  let after: string | null = null;
  do {
    const result: GraphQLResult<ChannelsWithMembersQuery> = await execute(
      ChannelsWithMembers,
      { first: 20, after },
      { url, persisted },
    );
    if (result.errors !== undefined) throw new Error(result.errors[0]?.message);
    const page = result.data?.conversations;
    for (const { node } of page?.edges ?? []) {
      const members = node.members.edges.map((edge) => edge.node.name).join(', ');
      console.log(`#${node.name} (${node.numMembers ?? '?'} members: ${members}…)`);
    }
    after = page?.pageInfo.hasNextPage === true ? (page.pageInfo.endCursor ?? null) : null;
  } while (after !== null);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
