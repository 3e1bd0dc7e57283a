import { afterEach, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const C = SCENARIO_IDS.conversations;
// Public channels: visible to every scenario user token.
const VISIBLE = [C.general, C.random, ...C.extra];
const INFO = 'query Info($id: ID!) { conversation(id: $id) { id name } }';
const LIST = 'query List { conversations(first: 3) { edges { node { id } } } }';

/** A rate window short enough for tests; the emulator and the governor use the same one. */
const WINDOW_MS = 400;

/**
 * A gateway whose governor and emulator both enforce tiers over `WINDOW_MS`, with the cache off
 * (so every query really costs calls) and a deadline long enough that nothing fails fast.
 */
function startWindowedGateway(rateLimitOverrides: Record<string, number>): Promise<TestGateway> {
  return startTestGateway({
    emulatorConfig: { rateLimits: true, rateWindowMs: WINDOW_MS },
    gatewayConfig: {
      governor: { enabled: true, windowMs: WINDOW_MS, rateLimitOverrides, maxWaitMs: 30_000 },
      cache: { enabled: false },
    },
  });
}

describe('the governor against an emulator that enforces Slack tiers', () => {
  let gateway: TestGateway;
  afterEach(() => gateway.close());

  it('serves 100 concurrent queries with no client-visible error and no 429', async () => {
    gateway = await startWindowedGateway({});
    const tokens = [SCENARIO_TOKENS.alice, SCENARIO_TOKENS.bob];
    // What one query of each kind costs on its own (the cache is off, so repeats cost the same).
    const cost = async (query: string, variables: object) => {
      for (const token of tokens) await gateway.graphql(query, { ...variables }, { token });
      gateway.resetEmulatorCalls();
      await gateway.graphql(query, { ...variables });
      return gateway.emulatorCalls().calls;
    };
    const infoCost = await cost(INFO, { id: C.general });
    const listCost = await cost(LIST, {});
    gateway.resetEmulatorCalls();

    const queries = Array.from({ length: 100 }, (_, index) => {
      const token = tokens[index % 2];
      if (index % 4 === 3) return gateway.graphql(LIST, {}, { token });
      return gateway.graphql(INFO, { id: VISIBLE[index % VISIBLE.length] }, { token });
    });
    const answers = await Promise.all(queries);
    for (const { body } of answers) expect(body.errors).toBeUndefined();

    // Calls sent = calls needed. A 429 would show up as an extra call (the emulator counts
    // refused calls too).
    expect(infoCost).toEqual({ 'conversations.info': 1 });
    expect(Object.keys(listCost)).toEqual(['conversations.list']);
    const { calls } = gateway.emulatorCalls();
    expect(calls).toEqual({
      'conversations.info': 75,
      'conversations.list': 25 * (listCost['conversations.list'] ?? 0),
    });
    const metrics = await gateway.gateway.metrics.registry
      .getSingleMetric('slack_rate_limited_total')
      ?.get();
    expect(metrics?.values.reduce((sum, value) => sum + value.value, 0) ?? 0).toBe(0);
  });

  it('pauses a bucket on 429 for Retry-After, then resumes its queued calls', async () => {
    // The emulator's clock stands still, so all 80 calls fall in one of its windows however slow
    // the machine is: its budget (50, tier 3) is certain to run out, while the governor believes
    // in twice that and sends them all. Once Slack has refused, the test moves the clock one
    // window on, so the calls the governor retries after Retry-After fit the next window.
    let emulatorNow = Date.now();
    gateway = await startTestGateway({
      emulatorConfig: { rateLimits: true, rateWindowMs: 1_000 },
      emulatorClock: () => emulatorNow,
      gatewayConfig: {
        governor: {
          enabled: true,
          windowMs: WINDOW_MS,
          rateLimitOverrides: { 'conversations.info': 100 },
          maxWaitMs: 30_000,
        },
        cache: { enabled: false },
      },
    });
    const pending = Promise.all(
      Array.from({ length: 80 }, (_, index) =>
        gateway.graphql(INFO, { id: VISIBLE[index % VISIBLE.length] }),
      ),
    );
    await expect
      .poll(() => gateway.emulatorCalls().calls['conversations.info'] ?? 0, {
        timeout: 20_000,
      })
      .toBeGreaterThan(50);
    emulatorNow += 1_000;
    const answers = await pending;
    for (const { body } of answers) expect(body.errors).toBeUndefined();
    const limited = await gateway.gateway.metrics.registry
      .getSingleMetric('slack_rate_limited_total')
      ?.get();
    const refusals = limited?.values.reduce((sum, value) => sum + value.value, 0) ?? 0;
    expect(refusals).toBeGreaterThan(0);
    // Each refusal cost exactly one more call, sent after the pause: nothing else was sent.
    expect(gateway.emulatorCalls().calls['conversations.info']).toBe(80 + refusals);
  });

  it('fails fast with RATE_LIMITED and retryAfter when the wait would pass the deadline', async () => {
    gateway = await startTestGateway({
      emulatorConfig: { rateLimits: true },
      gatewayConfig: {
        governor: {
          enabled: true,
          rateLimitOverrides: { 'conversations.info': 2 },
          maxWaitMs: 1_000,
        },
        cache: { enabled: false },
      },
    });
    const answers = await Promise.all(
      [C.general, C.random, C.extra[0], C.extra[1], C.extra[2]].map((id) =>
        gateway.graphql(INFO, { id }),
      ),
    );
    const refused = answers.filter(({ body }) => body.errors !== undefined);
    expect(refused).toHaveLength(3);
    for (const { body } of refused) {
      // The gateway's own governor refused: the message must not blame Slack.
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        rateLimitedBy: 'gateway',
      });
      expect(body.errors?.[0]?.message).toMatch(
        /^The gateway held back conversations\.info .*not sent/,
      );
      expect(body.errors?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
    }
    expect(gateway.emulatorCalls().calls['conversations.info']).toBe(2);
  });
});
