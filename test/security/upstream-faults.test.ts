import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/app.js';
import { type ConfigOverrides, parseConfig, withOverrides } from '../../src/config.js';
import type { FaultRule } from '../../src/emulator/emulator-config.js';
import { READ_METHODS, rapidRetryPolicy } from '../../src/slack/retry.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { type GraphQLBody, startTestGateway, type TestGateway } from '../helpers/gateway.js';

const C = SCENARIO_IDS.conversations;

/** 10% http_500, 5% reset and 0.5% timeout of every read call (rules fire in order). */
const TRANSIENT_FAULTS: FaultRule[] = [...READ_METHODS].flatMap((method) => [
  { method, kind: 'http_500' as const, rate: 0.1 },
  { method, kind: 'reset' as const, rate: 0.05 / 0.9 },
  { method, kind: 'timeout' as const, rate: 0.005 / 0.85 },
]);

/**
 * Without the cache and the governor every query really reaches the faulty emulator, and six
 * retries make a call that fails seven times in a row (16%^7) vanishingly rare. A `timeout`
 * fault is never answered, so the attempt's time limit decides only how long it costs: 5 s is
 * far beyond what an answered call takes on a loaded machine, so only the faults time out. The
 * circuit breaker (tested below, with a clock the test moves) never opens on these.
 */
const FAULT_TOLERANT = {
  cache: { enabled: false },
  governor: { enabled: false },
  slack: { timeoutMs: 5_000, maxRetries: 6, circuitFailures: 10_000 },
} satisfies ConfigOverrides;

/**
 * For calls that are never answered (the `timeout` fault at 100%): their time limit always
 * expires, whatever the machine's speed, so a short one only keeps the test quick.
 */
const NEVER_ANSWERED_TIMEOUT_MS = 400;

/** A clock that moves only when the test says so (the circuit breaker's cooldown). */
function handClock(): { now: () => number; advance(ms: number): void } {
  let time = Date.now();
  return {
    now: () => time,
    advance(ms) {
      time += ms;
    },
  };
}

/** The mixed workload: every query kind the schema offers, as alice and bob. */
const WORKLOAD: { query: string; variables?: Record<string, unknown>; token: string }[] = [
  {
    query:
      '{ conversations(first: 4, types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL]) { edges { node { id name isMember numMembers } } pageInfo { hasNextPage } } }',
  },
  {
    query:
      '{ viewer { user { id name } team { id name domain } conversations(first: 20, types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM]) { edges { node { id } } } } }',
  },
  {
    query:
      'query($id: ID!) { conversation(id: $id) { id name topic { value creator { name } } members(first: 3) { edges { node { id name realName } } } } }',
    variables: { id: C.general },
  },
  {
    query:
      'query($id: ID!) { conversation(id: $id) { messages(first: 5) { edges { node { ts text user { name } replyCount replies(first: 3) { edges { node { ts text } } } } } } } }',
    variables: { id: C.general },
  },
  {
    query:
      'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Conversation { name numMembers } ... on User { userName: name } } }',
    variables: { ids: [C.random, SCENARIO_IDS.users.carol, C.mpim] },
  },
  {
    query:
      'query($id: ID!) { user(id: $id) { name conversations(first: 5) { edges { node { id name } } } } }',
    variables: { id: SCENARIO_IDS.users.bob },
  },
].flatMap((item) => [
  { ...item, token: SCENARIO_TOKENS.alice },
  { ...item, token: SCENARIO_TOKENS.bob },
]);

async function run(gw: TestGateway, index: number): Promise<GraphQLBody> {
  const item = WORKLOAD[index] as (typeof WORKLOAD)[number];
  return (await gw.graphql(item.query, item.variables, { token: item.token })).body;
}

async function pool<T>(
  count: number,
  limit: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

function codes(body: GraphQLBody): unknown[] {
  return (body.errors ?? []).map((error) => error.extensions?.code);
}

describe('transient upstream faults', () => {
  let baseline: GraphQLBody[];
  let faulty: TestGateway;

  beforeAll(async () => {
    const clean = await startTestGateway({ gatewayConfig: FAULT_TOLERANT });
    try {
      baseline = await Promise.all(WORKLOAD.map((_, index) => run(clean, index)));
    } finally {
      await clean.close();
    }
    faulty = await startTestGateway({
      gatewayConfig: FAULT_TOLERANT,
      emulatorConfig: { faults: TRANSIENT_FAULTS, seed: 2026 },
    });
  });
  afterAll(() => faulty.close());

  it('has a fault-free baseline with data and no errors', () => {
    for (const body of baseline) {
      expect(body.errors).toBeUndefined();
      expect(body.data).toBeTruthy();
    }
  });

  it('answers 1,000 mixed queries with exactly the fault-free data', async () => {
    const picks = fc.sample(fc.nat({ max: WORKLOAD.length - 1 }), { numRuns: 1_000, seed: 6 });
    const bodies = await pool(picks.length, 16, (index) => run(faulty, picks[index] as number));
    const wrong = bodies.filter(
      (body, index) => JSON.stringify(body) !== JSON.stringify(baseline[picks[index] as number]),
    );
    expect(wrong).toEqual([]);
    // The faults really happened: the emulator saw more calls than the queries needed.
    const stats = faulty.emulatorCalls();
    expect(stats.total).toBeGreaterThan(1_000);
  }, 600_000);
});

describe('a dead upstream', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({
      gatewayConfig: {
        ...FAULT_TOLERANT,
        slack: {
          ...FAULT_TOLERANT.slack,
          timeoutMs: NEVER_ANSWERED_TIMEOUT_MS,
          maxRetries: 2,
          circuitFailures: 5,
          circuitCooldownMs: 60_000,
        },
      },
      // Held still: once open, the circuit stays open however slow the machine is.
      circuitClock: handClock().now,
    });
  });
  afterAll(() => gw.close());

  it.each(['http_500', 'reset', 'timeout', 'malformed_json'] as const)(
    'answers every query with UPSTREAM_UNAVAILABLE when every call fails with %s, then stops calling',
    async (kind) => {
      gw.emulator.configure({ faults: [{ method: '*', kind, rate: 1 }] });
      const bodies = await pool(WORKLOAD.length * 2, 8, (index) =>
        run(gw, index % WORKLOAD.length),
      );
      for (const body of bodies) {
        expect(body.errors?.length).toBeGreaterThan(0);
        expect(new Set(codes(body))).toEqual(new Set(['UPSTREAM_UNAVAILABLE']));
      }
      // Open now: further queries fail fast without reaching Slack.
      gw.resetEmulatorCalls();
      const more = await pool(WORKLOAD.length, 8, (index) => run(gw, index));
      for (const body of more)
        expect(new Set(codes(body))).toEqual(new Set(['UPSTREAM_UNAVAILABLE']));
      expect(gw.emulatorCalls().total).toBe(0);
      const health = await fetch(new URL('/healthz', gw.url));
      expect(health.status).toBe(200);
      expect((await fetch(new URL('/readyz', gw.url))).status).toBe(200);
    },
  );
});

describe('the circuit breaker', () => {
  it('opens on a dead upstream and closes again once Slack answers', async () => {
    const clock = handClock();
    const gw = await startTestGateway({
      gatewayConfig: {
        ...FAULT_TOLERANT,
        slack: {
          ...FAULT_TOLERANT.slack,
          maxRetries: 0,
          circuitFailures: 3,
          circuitCooldownMs: 60_000,
        },
      },
      emulatorConfig: { faults: [{ method: '*', kind: 'http_500', rate: 1 }] },
      circuitClock: clock.now,
    });
    try {
      const query = `{ conversation(id: "${C.general}") { id } }`;
      for (let attempt = 0; attempt < 3; attempt++) {
        expect(codes((await gw.graphql(query)).body)).toEqual(['UPSTREAM_UNAVAILABLE']);
      }
      expect(gw.emulatorCalls().total).toBe(3);
      expect(codes((await gw.graphql(query)).body)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(gw.emulatorCalls().total).toBe(3);

      gw.emulator.configure({ faults: [] });
      // Still open until the cooldown has passed on the breaker's clock, healthy Slack or not.
      expect(codes((await gw.graphql(query)).body)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(gw.emulatorCalls().total).toBe(3);
      clock.advance(60_000);
      // Half-open: this query's call is the probe, and its success closes the circuit.
      const { body } = await gw.graphql<{ conversation: { id: string } }>(query);
      expect(body).toEqual({ data: { conversation: { id: C.general } } });
      expect(gw.emulatorCalls().total).toBe(4);
      // Closed again: the next calls go through.
      gw.resetEmulatorCalls();
      expect(
        (await gw.graphql(`{ conversation(id: "${C.random}") { id } }`)).body.errors,
      ).toBeUndefined();
      expect(gw.emulatorCalls().total).toBe(1);
    } finally {
      await gw.close();
    }
  });
});

describe('malformed upstream answers', () => {
  let upstream: Server;
  let gateway: RunningGateway;
  const answers: Record<string, string> = {
    'conversations.info': '{"ok":true}',
    'conversations.list': '{"ok":true,"channels":"none","response_metadata":{"next_cursor":""}}',
    'users.info': '{"ok":true,"user":{"id":"U0ALICE"}}',
    'auth.test': '<html>maintenance</html>',
    'conversations.members': '{"ok":true,"members":[null]',
  };

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      const method = request.url?.split('/').pop() ?? '';
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(answers[method] ?? '{"ok":false,"error":"unknown_method"}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const { port } = upstream.address() as AddressInfo;
    const config = withOverrides(
      withOverrides(parseConfig({ LOG_LEVEL: 'silent' }), FAULT_TOLERANT),
      {
        slack: {
          maxRetries: 1,
          apiUrl: `http://127.0.0.1:${port}/api/`,
          defaultToken: SCENARIO_TOKENS.alice,
          embeddedEmulator: false,
        },
        server: { port: 0, host: '127.0.0.1' },
      },
    );
    gateway = await startGateway(config, { retryPolicy: rapidRetryPolicy });
  });
  afterAll(async () => {
    await gateway.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  async function query(source: string): Promise<GraphQLBody> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: source }),
    });
    expect(response.status).toBeLessThan(500);
    return (await response.json()) as GraphQLBody;
  }

  it.each([
    ['ok without channel', '{ conversation(id: "C1") { id name } }', ['conversation']],
    ['a list that is not a list', '{ conversations { edges { node { id } } } }', ['conversations']],
    ['a user without a profile', '{ user(id: "U0ALICE") { name realName } }', ['user']],
    ['an HTML page', '{ viewer { user { id } } }', ['viewer', 'user']],
    [
      'a truncated body',
      '{ conversation(id: "C1") { members { edges { node { id } } } } }',
      ['conversation'],
    ],
  ])(
    'turns %s into UPSTREAM_UNAVAILABLE on the affected field, never empty data',
    async (_, source, path) => {
      const body = await query(source);
      expect(codes(body)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(body.errors?.[0]?.path?.slice(0, path.length)).toEqual(path);
    },
  );
});
