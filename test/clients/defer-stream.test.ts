import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { postAsAlice } from '../helpers/post-graphql.js';

/** One part of an incremental delivery response (GraphQL over HTTP incremental delivery RFC). */
interface Part {
  data?: Record<string, unknown>;
  errors?: unknown[];
  incremental?: Array<{ path: Array<string | number>; data?: unknown; items?: unknown[] }>;
  hasNext: boolean;
}

const DEFERRED = `
  query Deferred($id: ID!) {
    conversation(id: $id) {
      id
      name
      ... @defer(label: "members") {
        members(first: 10) { edges { node { id } } }
      }
      ... @defer(label: "history") {
        messages(first: 3) { edges { node { ts } } }
      }
    }
  }
`;

const STREAMED = `
  query Streamed {
    nodes(ids: ["${SCENARIO_IDS.conversations.general}", "${SCENARIO_IDS.conversations.random}"])
      @stream(initialCount: 0) {
      id
    }
  }
`;

/**
 * POSTs with `Accept: multipart/mixed` and splits the body into its JSON parts as they arrive.
 * @see https://github.com/graphql/graphql-over-http/blob/main/rfcs/IncrementalDelivery.md
 */
async function multipart(
  gw: TestGateway,
  query: string,
  variables: object = {},
): Promise<{ contentType: string | null; parts: Part[] }> {
  const response = await postAsAlice(gw.url, { query, variables }, 'multipart/mixed');
  const contentType = response.headers.get('content-type');
  const boundary = /boundary="?([^";]+)"?/.exec(contentType ?? '')?.[1] ?? '-';
  const text = await response.text();
  const parts = text
    .split(`--${boundary}`)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '' && chunk !== '--')
    .map((chunk) => {
      const body = chunk.slice(chunk.indexOf('\r\n\r\n') + 4);
      return JSON.parse(body) as Part;
    });
  return { contentType, parts };
}

describe('@defer and @stream', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    // Every Slack call takes a while, so deferred selections really arrive later.
    gw = await startTestGateway({ emulatorConfig: { latencyMs: 50 } });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('sends a conversation first and its members and history as later parts', async () => {
    const { contentType, parts } = await multipart(gw, DEFERRED, {
      id: SCENARIO_IDS.conversations.general,
    });
    expect(contentType).toMatch(/^multipart\/mixed/);
    const [initial, ...rest] = parts;
    expect(initial?.data).toEqual({
      conversation: { id: SCENARIO_IDS.conversations.general, name: 'general' },
    });
    expect(initial?.hasNext).toBe(true);
    expect(rest.at(-1)?.hasNext).toBe(false);
    const increments = rest.flatMap((part) => part.incremental ?? []);
    expect(increments.map((increment) => increment.path)).toEqual([
      ['conversation'],
      ['conversation'],
    ]);
    const merged = Object.assign({}, ...increments.map((increment) => increment.data));
    expect(Object.keys(merged).sort()).toEqual(['members', 'messages']);
    expect(merged.members.edges.length).toBeGreaterThan(1);
    expect(merged.messages.edges).toHaveLength(3);
  });

  it('streams list items after the initial count', async () => {
    const { parts } = await multipart(gw, STREAMED);
    const [initial, ...rest] = parts;
    expect(initial?.data).toEqual({ nodes: [] });
    const items = rest
      .flatMap((part) => part.incremental ?? [])
      .filter((increment) => increment.path[0] === 'nodes')
      .flatMap((increment) => increment.items ?? []);
    expect(items).toEqual([
      { id: SCENARIO_IDS.conversations.general },
      { id: SCENARIO_IDS.conversations.random },
    ]);
    expect(rest.at(-1)?.hasNext).toBe(false);
  });

  it('answers 406 Not Acceptable to a client that accepts only single JSON results', async () => {
    gw.resetEmulatorCalls();
    const response = await postAsAlice(
      gw.url,
      {
        query: DEFERRED,
        variables: { id: SCENARIO_IDS.conversations.general },
      },
      'application/graphql-response+json, application/json',
    );
    await response.arrayBuffer();
    expect(response.status).toBe(406);
  });

  it('also streams as server-sent events', async () => {
    const response = await postAsAlice(
      gw.url,
      {
        query: DEFERRED,
        variables: { id: SCENARIO_IDS.conversations.general },
      },
      'text/event-stream',
    );
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await response.text())
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice('data: '.length)) as Part);
    const nexts = events.filter(
      (event) => event.data !== undefined || event.incremental !== undefined,
    );
    expect(nexts.length).toBeGreaterThanOrEqual(3);
    expect(nexts[0]?.hasNext).toBe(true);
  });

  it('is merged by Apollo Client 4 and urql, whose results fill in as parts arrive', async () => {
    const headers = { authorization: `Bearer ${SCENARIO_TOKENS.alice}` };
    const variables = { id: SCENARIO_IDS.conversations.general };
    const apollo = new ApolloClient({
      link: new HttpLink({ uri: gw.url, headers }),
      cache: new InMemoryCache(),
      incrementalHandler: new Defer20220824Handler(),
    });
    const fromApollo = await apollo.query({ query: parse(DEFERRED), variables });
    apollo.stop();

    const urql = new Client({
      url: gw.url,
      exchanges: [cacheExchange, fetchExchange],
      fetchOptions: { headers },
    });
    const urqlResults: Array<{ data: unknown; hasNext: boolean }> = [];
    await new Promise<void>((resolve) => {
      const { unsubscribe } = urql.query(parse(DEFERRED), variables).subscribe((result) => {
        urqlResults.push({ data: result.data, hasNext: result.hasNext });
        if (!result.hasNext) {
          resolve();
          queueMicrotask(() => unsubscribe());
        }
      });
    });

    const { body } = await gw.graphql(
      DEFERRED.replaceAll(/ @defer\(label: "\w+"\)/g, ''),
      variables,
    );
    expect(body.errors).toBeUndefined();
    expect(withoutTypename(fromApollo.data)).toEqual(body.data);
    expect(urqlResults.length).toBeGreaterThan(1);
    expect(urqlResults[0]?.hasNext).toBe(true);
    expect(withoutTypename(urqlResults.at(-1)?.data)).toEqual(body.data);
  });
});

/** Apollo Client and urql's cache add `__typename` to every selection. */
function withoutTypename(data: unknown): unknown {
  return JSON.parse(
    JSON.stringify(data, (key, value) => (key === '__typename' ? undefined : value)),
  );
}
