import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SCENARIO_IDS,
  SCENARIO_TOKENS,
  scenarioWorkspace,
} from '../fixtures/scenario-workspace.js';
import { type GraphQLBody, startTestGateway, type TestGateway } from '../helpers/gateway.js';

const ALL_TYPES = '[PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM]';
const TENANTS = {
  alice: SCENARIO_TOKENS.alice,
  bob: SCENARIO_TOKENS.bob,
  bot: SCENARIO_TOKENS.bot,
} as const;
type Tenant = keyof typeof TENANTS;
const TENANT_NAMES = Object.keys(TENANTS) as Tenant[];
const USER_OF: Record<Tenant, string> = {
  alice: SCENARIO_IDS.users.alice,
  bob: SCENARIO_IDS.users.bob,
  bot: SCENARIO_IDS.users.bot,
};

/** Ground truth from the workspace file: what each tenant may see. */
const workspace = scenarioWorkspace();
const conversationIds = workspace.conversations.map((conversation) => conversation.id);
function visibleTo(tenant: Tenant): Set<string> {
  return new Set(
    workspace.conversations
      .filter(
        (conversation) =>
          !(conversation.is_private || conversation.is_im || conversation.is_mpim) ||
          conversation.members.includes(USER_OF[tenant]),
      )
      .map((conversation) => conversation.id),
  );
}
const VISIBLE: Record<Tenant, Set<string>> = {
  alice: visibleTo('alice'),
  bob: visibleTo('bob'),
  bot: visibleTo('bot'),
};
const FORBIDDEN: Record<Tenant, string[]> = {
  alice: conversationIds.filter((id) => !VISIBLE.alice.has(id)),
  bob: conversationIds.filter((id) => !VISIBLE.bob.has(id)),
  bot: conversationIds.filter((id) => !VISIBLE.bot.has(id)),
};

interface PageData {
  conversations: {
    edges: { cursor: string; node: { id: string } }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

const QUERIES = {
  list: `{ conversations(first: 50, types: ${ALL_TYPES}) { edges { node { id name isMember } } } }`,
  mine: `{ viewer { conversations(first: 50, types: ${ALL_TYPES}) { edges { node { id name } } } } }`,
  one: 'query($id: ID!) { conversation(id: $id) { id name latest { text } } }',
  nodes: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Conversation { name } } }',
  page: `query($after: String) { conversations(first: 2, after: $after, types: ${ALL_TYPES}) { edges { cursor node { id } } pageInfo { endCursor hasNextPage } } }`,
} as const;

let gw: TestGateway;

beforeAll(async () => {
  // The cache stays on: it outlives requests, so it is what could leak. The governor would only
  // pace the load to Slack's real rates.
  gw = await startTestGateway({ gatewayConfig: { governor: { enabled: false } } });
});
afterAll(() => gw.close());

/** Every response text is scanned for conversation IDs the tenant must not see, and for tokens. */
function assertClean(tenant: Tenant, text: string): void {
  for (const id of FORBIDDEN[tenant]) expect(text, `${tenant} got ${id}`).not.toContain(id);
  for (const token of Object.values(SCENARIO_TOKENS)) expect(text).not.toContain(token);
}

async function send(
  tenant: Tenant,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ text: string; body: GraphQLBody }> {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TENANTS[tenant]}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  expect(response.status).toBe(200);
  assertClean(tenant, text);
  return { text, body: JSON.parse(text) as GraphQLBody };
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

function idsIn(body: GraphQLBody): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'id' && typeof inner === 'string') found.push(inner);
        else walk(inner);
      }
    }
  };
  walk(body.data);
  return found;
}

/** Follows a tenant's paginated list to the end; returns every cursor it was given. */
async function crawl(tenant: Tenant): Promise<{ ids: string[]; cursors: string[] }> {
  const ids: string[] = [];
  const cursors: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const { body } = await send(tenant, QUERIES.page, { after });
    const data = body.data as unknown as PageData;
    for (const edge of data.conversations.edges) {
      ids.push(edge.node.id);
      cursors.push(edge.cursor);
    }
    if (!data.conversations.pageInfo.hasNextPage) break;
    after = data.conversations.pageInfo.endCursor;
  }
  return { ids, cursors };
}

describe('tenant isolation under concurrent load', () => {
  it('never serves one token a conversation only another token can see', async () => {
    expect(FORBIDDEN.alice).toContain(SCENARIO_IDS.conversations.secret);
    expect(FORBIDDEN.bob).toContain(SCENARIO_IDS.conversations.private);
    expect(FORBIDDEN.bot).toContain(SCENARIO_IDS.conversations.im);

    const plan = fc.sample(
      fc.record({
        tenant: fc.constantFrom(...TENANT_NAMES),
        kind: fc.constantFrom('list', 'mine', 'one', 'nodes', 'page'),
        id: fc.constantFrom(...conversationIds),
        ids: fc.array(fc.constantFrom(...conversationIds), { minLength: 1, maxLength: 4 }),
      }),
      { numRuns: 2_400, seed: 6 },
    );
    const seen: Record<Tenant, Set<string>> = { alice: new Set(), bob: new Set(), bot: new Set() };
    const tasks = plan.map(({ tenant, kind, id, ids }) => async () => {
      const variables = kind === 'one' ? { id } : kind === 'nodes' ? { ids } : {};
      const { body } = await send(tenant, QUERIES[kind], variables);
      for (const found of idsIn(body)) seen[tenant].add(found);
      if (kind === 'one' && !VISIBLE[tenant].has(id)) {
        expect(body.errors?.[0]?.extensions?.code).toBe('CHANNEL_NOT_FOUND');
      }
      return body;
    });
    const bodies = await pool(tasks, 24);
    expect(bodies).toHaveLength(2_400);
    for (const tenant of TENANT_NAMES) {
      const conversationsSeen = [...seen[tenant]].filter((id) => conversationIds.includes(id));
      expect(conversationsSeen.filter((id) => !VISIBLE[tenant].has(id))).toEqual([]);
      // The load really exercised each tenant's private conversations.
      expect(conversationsSeen.length).toBeGreaterThan(5);
    }
  }, 180_000);
});

describe('sealed cursors', () => {
  let cursors: Record<Tenant, string[]>;

  beforeAll(async () => {
    const crawls = await Promise.all(TENANT_NAMES.map((tenant) => crawl(tenant)));
    cursors = {
      alice: crawls[0]?.cursors ?? [],
      bob: crawls[1]?.cursors ?? [],
      bot: crawls[2]?.cursors ?? [],
    };
    crawls.forEach((result, index) => {
      const tenant = TENANT_NAMES[index] as Tenant;
      expect(new Set(result.ids)).toEqual(
        new Set([...VISIBLE[tenant]].filter((id) => result.ids.includes(id))),
      );
      expect(result.ids.length).toBeGreaterThan(3);
    });
  });

  async function expectRefusedWithoutCalls(
    attempts: { tenant: Tenant; after: string; query?: string }[],
  ): Promise<void> {
    gw.resetEmulatorCalls();
    const bodies = await pool(
      attempts.map(
        ({ tenant, after, query }) =>
          async () =>
            (await send(tenant, query ?? QUERIES.page, { after })).body,
      ),
      16,
    );
    for (const body of bodies) {
      expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    expect(gw.emulatorCalls().total).toBe(0);
  }

  it('refuses every cursor replayed with another token, before any Slack call', async () => {
    const swapped = TENANT_NAMES.flatMap((owner) =>
      TENANT_NAMES.filter((other) => other !== owner).flatMap((other) =>
        cursors[owner].map((after) => ({ tenant: other, after })),
      ),
    );
    expect(swapped.length).toBeGreaterThan(20);
    await expectRefusedWithoutCalls(swapped);
  });

  it('refuses a cursor used on another connection or with another filter', async () => {
    const after = cursors.alice[0] as string;
    await expectRefusedWithoutCalls([
      {
        tenant: 'alice',
        after,
        query:
          'query($after: String) { conversations(first: 2, after: $after) { edges { node { id } } } }',
      },
      {
        tenant: 'alice',
        after,
        query: `query($after: String) { viewer { conversations(first: 2, after: $after, types: ${ALL_TYPES}) { edges { node { id } } } } }`,
      },
    ]);
    // The parent conversation costs its own conversations.info; the members page never runs.
    const { body } = await send(
      'alice',
      `query($after: String) { conversation(id: "${SCENARIO_IDS.conversations.general}") { members(after: $after) { edges { node { id } } } } }`,
      { after },
    );
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(gw.emulatorCalls().calls['conversations.members'] ?? 0).toBe(0);
  });

  it('refuses tampered, truncated and forged cursors, before any Slack call', () =>
    fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...cursors.alice),
        fc.nat(),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.='),
        async (cursor, at, replacement) => {
          const position = at % cursor.length;
          const tampered = `${cursor.slice(0, position)}${replacement}${cursor.slice(position + 1)}`;
          // Even a change that decodes to the same bytes (unused low bits of a final character)
          // is refused: only the exact text the gateway minted is a cursor.
          fc.pre(tampered !== cursor);
          await expectRefusedWithoutCalls([{ tenant: 'alice', after: tampered }]);
        },
      ),
      { numRuns: 60, seed: 7 },
    ));

  it('refuses Slack-style raw cursors and garbage', async () => {
    await expectRefusedWithoutCalls(
      [
        Buffer.from('team:C0SECRET01').toString('base64'),
        '',
        '.',
        'a.b.c',
        (cursors.alice[0] as string).split('.')[0] as string,
        `${cursors.alice[0]}.x`,
        'x'.repeat(5_000),
      ].map((after) => ({ tenant: 'alice' as const, after })),
    );
  });
});

describe('a configured CURSOR_SECRET', () => {
  it('lets replicas with the same secret resume each other’s cursors, and no one else', async () => {
    const secret = 'a-32-character-or-longer-secret!';
    const replicas = await Promise.all([
      startTestGateway({ gatewayConfig: { cursorSecret: secret } }),
      startTestGateway({ gatewayConfig: { cursorSecret: secret } }),
      startTestGateway({ gatewayConfig: { cursorSecret: `${secret}?` } }),
    ]);
    try {
      const [first, second, stranger] = replicas as [TestGateway, TestGateway, TestGateway];
      const page = await first.graphql<PageData>(QUERIES.page, { after: null });
      const after = page.body.data?.conversations.pageInfo.endCursor;
      expect(after).toBeTruthy();
      const resumed = await second.graphql<PageData>(QUERIES.page, { after });
      expect(resumed.body.errors).toBeUndefined();
      expect(resumed.body.data?.conversations.edges.length).toBeGreaterThan(0);
      const refused = await stranger.graphql(QUERIES.page, { after });
      expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual([
        'BAD_USER_INPUT',
      ]);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });
});

describe('tokens', () => {
  it('never echoes an unknown token in errors or metrics', async () => {
    const canary = 'xoxp-canary-0123456789-secret';
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${canary}` },
      body: JSON.stringify({
        query: '{ viewer { user { id } } conversations { edges { node { id } } } }',
      }),
    });
    const text = await response.text();
    expect(text).toContain('INVALID_AUTH');
    expect(text).not.toContain(canary);
    const metrics = await (await fetch(new URL('/metrics', gw.url))).text();
    expect(metrics).not.toContain(canary);
    for (const token of Object.values(SCENARIO_TOKENS)) expect(metrics).not.toContain(token);
  });
});
