import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackPlatformError } from '../../src/slack/errors.js';
import { createGovernor } from '../../src/slack/governor/governor.js';
import { createRateTable } from '../../src/slack/governor/rate-table.js';
import { SlackToken } from '../../src/slack/slack-token.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { heapAfterGc, mib, runConcurrently } from '../helpers/heap.js';

/**
 * Issue 13, item 2: every random token created governor buckets that were never pruned (about
 * 7.8 KB per token) and cost about 5 Slack calls (auth.test twice, then one per field), none of
 * them remembered. Now a refused token is remembered per token hash for a minute, no field calls
 * Slack once the token is known bad, and governor state is bounded.
 */

const REQUESTS = 600;
/** Tokens sent straight to the governor (no sockets), as the 20,000-request attack. */
const GOVERNOR_TOKENS = 20_000;

/** Three fields that each need Slack: a field per loader, as a real client would ask. */
const QUERY = `{
  viewer { user { id } }
  conversations(first: 2) { edges { node { id name } } }
  conversation(id: "${SCENARIO_IDS.conversations.general}") { name }
}`;

const randomToken = (): string => `xoxp-${randomBytes(16).toString('hex')}`;

let gw: TestGateway;

beforeAll(async () => {
  // Production defaults: the governor and the cache on.
  gw = await startTestGateway({
    gatewayConfig: { governor: { enabled: true }, cache: { enabled: true } },
  });
});
afterAll(() => gw.close());

async function expectRefused(token: string): Promise<void> {
  const { body } = await gw.graphql(QUERY, undefined, { token });
  expect(body.data).toBeNull();
  const codes = new Set(body.errors?.map((error) => error.extensions?.code));
  expect([...codes]).toEqual(['INVALID_AUTH']);
}

describe('requests with random tokens', () => {
  it('cost at most one Slack call per distinct token, and none when repeated', async () => {
    gw.resetEmulatorCalls();
    const tokens = Array.from({ length: 50 }, randomToken);
    await runConcurrently(tokens.length, 8, (index) => expectRefused(tokens[index] as string));
    const first = gw.emulatorCalls();
    console.log(`bad tokens: ${tokens.length} distinct tokens -> ${first.total} Slack calls`);
    expect(first.total).toBeLessThanOrEqual(tokens.length);
    expect(first.calls['auth.test']).toBe(first.total);

    gw.resetEmulatorCalls();
    await runConcurrently(tokens.length * 4, 8, (index) =>
      expectRefused(tokens[index % tokens.length] as string),
    );
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('do not cost a valid token anything, and a revoked token is refused the same way', async () => {
    const alice = await gw.graphql(QUERY, undefined, { token: SCENARIO_TOKENS.alice });
    expect(alice.body.errors).toBeUndefined();
    gw.resetEmulatorCalls();
    for (let round = 0; round < 3; round++) {
      const { body } = await gw.graphql(QUERY, undefined, { token: SCENARIO_TOKENS.revoked });
      expect(body.errors?.[0]?.extensions?.code).toBe('TOKEN_REVOKED');
    }
    expect(gw.emulatorCalls().total).toBeLessThanOrEqual(1);
  });

  it(`keep the heap flat over ${REQUESTS} requests, each with a new random token`, async () => {
    await runConcurrently(300, 8, () => expectRefused(randomToken()));
    const before = heapAfterGc();
    gw.resetEmulatorCalls();
    await runConcurrently(REQUESTS, 8, () => expectRefused(randomToken()));
    const after = heapAfterGc();
    const calls = gw.emulatorCalls().total;
    console.log(
      `bad tokens: heap ${mib(before)} -> ${mib(after)} and ${calls} Slack calls after ${REQUESTS} random tokens`,
    );
    expect(calls).toBeLessThanOrEqual(REQUESTS);
    // Generous on purpose (a busy machine); the governor test below bounds the state itself.
    expect(after - before, `grew by ${mib(after - before)}`).toBeLessThan(8 * 1024 * 1024);
  }, 60_000);
});

describe('the governor under random tokens', () => {
  it(`keeps its state bounded over ${GOVERNOR_TOKENS} tokens and sends no call of a refused one`, async () => {
    const governor = createGovernor({
      limits: createRateTable(),
      workspaces: {
        resolve: () =>
          Promise.reject(new SlackPlatformError('auth.test', { ok: false, error: 'invalid_auth' })),
      },
      maxBuckets: 1_000,
    });
    const before = heapAfterGc();
    let refused = 0;
    for (let index = 0; index < GOVERNOR_TOKENS; index++) {
      const token = randomToken();
      (await governor.admit('auth.test', new SlackToken(token))).release();
      try {
        await governor.admit('conversations.list', new SlackToken(token));
      } catch (error) {
        if (error instanceof SlackPlatformError && error.error === 'invalid_auth') refused += 1;
      }
    }
    expect(refused).toBe(GOVERNOR_TOKENS);
    const after = heapAfterGc();
    console.log(
      `governor: heap ${mib(before)} -> ${mib(after)} after ${GOVERNOR_TOKENS} random tokens`,
    );
    // Never-pruned buckets would keep 20,000 of them (several MB); the bound keeps 1,000.
    expect(after - before, `grew by ${mib(after - before)}`).toBeLessThan(6 * 1024 * 1024);
  }, 60_000);
});
