import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { graphql } from '../gql/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const ALL_TYPES = ['PUBLIC_CHANNEL', 'PRIVATE_CHANNEL', 'MPIM', 'IM'] as const;
const PAGE_SIZE = 2;

const ConversationsPage = graphql(`
  query ClientConversationsPage($first: Int, $after: String, $types: [ConversationType!]) {
    conversations(first: $first, after: $after, types: $types) {
      edges { cursor node { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const MembersPage = graphql(`
  query ClientMembersPage($id: ID!, $first: Int, $after: String) {
    conversation(id: $id) {
      id
      members(first: $first, after: $after) {
        edges { cursor node { id } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

describe('Apollo Client and urql against the live gateway', () => {
  let gw: TestGateway;
  let expectedConversations: string[];
  let expectedMembers: string[];

  beforeAll(async () => {
    gw = await startTestGateway();
    // The truth: what Slack (the emulator) lists for alice in one large page.
    const listed = await slack<{ channels: Array<{ id: string }> }>(gw, 'conversations.list', {
      types: 'public_channel,private_channel,mpim,im',
      limit: '1000',
    });
    expectedConversations = listed.channels.map((channel) => channel.id);
    const members = await slack<{ members: string[] }>(gw, 'conversations.members', {
      channel: SCENARIO_IDS.conversations.general,
      limit: '1000',
    });
    expectedMembers = members.members;
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('Apollo Client 4 with relayStylePagination merges every page into exactly Slack’s list', async () => {
    const client = new ApolloClient({
      link: new HttpLink({
        uri: gw.url,
        headers: { authorization: `Bearer ${SCENARIO_TOKENS.alice}` },
      }),
      cache: new InMemoryCache({
        typePolicies: { Query: { fields: { conversations: relayStylePagination(['types']) } } },
      }),
    });
    const variables = { first: PAGE_SIZE, types: [...ALL_TYPES] };
    const query = client.watchQuery({ query: ConversationsPage, variables });
    // Subscribed, as a UI component would be: fetchMore merges into an active query.
    const subscription = query.subscribe(() => {});
    try {
      const first = await firstValueFrom(query.pipe(filter((result) => !result.loading)));
      let pageInfo = first.data?.conversations?.pageInfo;
      let pages = 1;
      while (pageInfo?.hasNextPage === true && pages < 50) {
        const more = await query.fetchMore({ variables: { after: pageInfo.endCursor } });
        pageInfo = more.data?.conversations.pageInfo;
        pages += 1;
      }
      // The cache holds the merged connection under the first page's variables.
      const merged = client.readQuery({ query: ConversationsPage, variables });
      const ids = merged?.conversations.edges.map((edge) => edge.node.id);
      expect(pages).toBe(Math.ceil(expectedConversations.length / PAGE_SIZE));
      expect(merged?.conversations.pageInfo.hasNextPage).toBe(false);
      expect(ids).toEqual(expectedConversations);
    } finally {
      subscription.unsubscribe();
      client.stop();
    }
  });

  it('urql pages through a conversation’s members and gets exactly Slack’s members', async () => {
    const client = urqlClient(gw.url);
    const ids = await collect(async (after) => {
      const result = await client
        .query(MembersPage, { id: SCENARIO_IDS.conversations.general, first: PAGE_SIZE, after })
        .toPromise();
      expect(result.error).toBeUndefined();
      return result.data?.conversation?.members;
    });
    expect(expectedMembers.length).toBeGreaterThan(PAGE_SIZE);
    expect(ids).toEqual(expectedMembers);
  });

  it('urql pages through conversations and gets exactly Slack’s list, without duplicates', async () => {
    const client = urqlClient(gw.url);
    const ids = await collect(async (after) => {
      const result = await client
        .query(ConversationsPage, { first: PAGE_SIZE, after, types: [...ALL_TYPES] })
        .toPromise();
      expect(result.error).toBeUndefined();
      return result.data?.conversations;
    });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expectedConversations);
  });
});

function urqlClient(url: string): Client {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: { headers: { authorization: `Bearer ${SCENARIO_TOKENS.alice}` } },
  });
}

interface ConnectionPage {
  edges: Array<{ node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** Follows `endCursor` until `hasNextPage` is false, collecting node ids (at most 50 pages). */
async function collect(
  fetchPage: (after: string | null) => Promise<ConnectionPage | undefined>,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const connection: ConnectionPage | undefined = await fetchPage(after);
    ids.push(...(connection?.edges.map((edge) => edge.node.id) ?? []));
    if (connection?.pageInfo.hasNextPage !== true) return ids;
    after = connection.pageInfo.endCursor ?? null;
  }
  throw new Error('more than 50 pages');
}

/** Calls the emulator's Slack Web API directly (form-encoded, as Slack's SDKs do). */
async function slack<T>(gw: TestGateway, method: string, args: Record<string, string>): Promise<T> {
  const response = await fetch(`${gw.emulator.url}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SCENARIO_TOKENS.alice}` },
    body: new URLSearchParams(args),
  });
  const body = (await response.json()) as T & { ok: boolean };
  expect(body.ok).toBe(true);
  return body;
}
