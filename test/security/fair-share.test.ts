import { afterEach, describe, expect, it } from 'vitest';
import type { GovernorConfig, LimitsConfig } from '../../src/config.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/**
 * Issue 13, item 5: one operation could spend a whole (workspace, method) bucket and leave every
 * other token of the workspace RATE_LIMITED for the window, and a client that went away kept its
 * Slack calls going. Now one operation makes at most a window's worth of calls of a method,
 * tokens share a busy bucket fairly, and calls of a request nobody waits for (the client left,
 * the deadline passed, or an error already ended the answer) are cancelled.
 * Three tokens (alice, bob, the bot); the emulator enforces Slack's tiers.
 */

const WINDOW_MS = 2_000;
/** The gateway's budget for conversations.members per window (the emulator allows Tier 4). */
const MEMBERS_PER_WINDOW = 4;
const MEMBERS = 'conversations.members';

const BOB_WIDE = (first: number) => `{
  conversations(first: ${first}, types: [PUBLIC_CHANNEL]) {
    edges { node { id members(first: 1) { edges { node { id } } } } }
  }
}`;
const ONE_MEMBERS = `{
  conversation(id: "${SCENARIO_IDS.conversations.general}") { members(first: 2) { edges { node { id } } } }
}`;

let gw: TestGateway;
afterEach(() => gw.close());

function start(
  governor: Partial<GovernorConfig> = {},
  limits: Partial<LimitsConfig> = {},
): Promise<TestGateway> {
  return startTestGateway({
    emulatorConfig: { rateLimits: true, rateWindowMs: WINDOW_MS },
    gatewayConfig: {
      governor: {
        enabled: true,
        windowMs: WINDOW_MS,
        rateLimitOverrides: { [MEMBERS]: MEMBERS_PER_WINDOW },
        maxWaitMs: 2 * WINDOW_MS,
        ...governor,
      },
      cache: { enabled: false },
      limits,
    },
  });
}

/** A metric's value for `conversations.members` from the gateway's own `/metrics`. */
async function metric(name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', gw.url))).text();
  const line = text.split('\n').find((row) => row.startsWith(`${name}{method="${MEMBERS}"}`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 400 && !(await check()); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(await check()).toBe(true);
}

const codesOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  new Set((body.errors ?? []).map((error) => error.extensions?.code));

describe('one operation and a shared rate bucket', () => {
  it('makes at most a window of calls of one method', async () => {
    gw = await start();
    const { body } = await gw.graphql(BOB_WIDE(8), undefined, { token: SCENARIO_TOKENS.bob });
    expect(codesOf(body)).toEqual(new Set(['SLACK_CALL_BUDGET_EXCEEDED']));
    // The refused fifth call ends the answer early, which cancels the four allowed ones (next
    // test): at most those four reach Slack, never eight.
    await until(async () => (await metric('governor_queue_depth')) === 0);
    expect(gw.emulatorCalls().calls[MEMBERS] ?? 0).toBeLessThanOrEqual(MEMBERS_PER_WINDOW);
  });

  it('cancels the queued calls of an operation an error has ended', async () => {
    // graphql-js answers as soon as an error nulls the operation; the request's calls still
    // waiting for Slack would only spend the bucket on an answer nobody reads.
    gw = await start({ maxWaitMs: 4 * WINDOW_MS });
    // Alice spends this window's members calls.
    const fill = await gw.graphql(BOB_WIDE(MEMBERS_PER_WINDOW));
    expect(fill.body.errors).toBeUndefined();
    expect(gw.emulatorCalls().calls[MEMBERS]).toBe(MEMBERS_PER_WINDOW);
    // Bob asks for 8 members pages: the per-operation cap lets 4 calls through, which queue
    // (the bucket is empty), and refuses the fifth, whose error nulls the whole answer.
    const { body } = await gw.graphql(BOB_WIDE(2 * MEMBERS_PER_WINDOW), undefined, {
      token: SCENARIO_TOKENS.bob,
    });
    expect(body.data).toBeNull();
    expect(codesOf(body)).toEqual(new Set(['SLACK_CALL_BUDGET_EXCEEDED']));
    // The queue empties without waiting for the next window, and none of the 4 is ever sent
    // (before: they were sent when the window turned, 8 calls in all).
    await until(async () => (await metric('governor_queue_depth')) === 0);
    expect(gw.emulatorCalls().calls[MEMBERS]).toBe(MEMBERS_PER_WINDOW);
  });

  it('gives alice and the bot their share while bob has a queue', async () => {
    // A deadline long enough that nobody is refused: the order of service is what is checked.
    gw = await start({ maxWaitMs: 4 * WINDOW_MS });
    // Bob: three operations of 4 members calls each: 4 go at once, the rest queue.
    const bob = [1, 2, 3].map(() =>
      gw.graphql(BOB_WIDE(MEMBERS_PER_WINDOW), undefined, { token: SCENARIO_TOKENS.bob }),
    );
    await until(async () => (await metric('governor_queue_depth')) >= MEMBERS_PER_WINDOW);
    const sentBefore = gw.emulatorCalls().calls[MEMBERS] ?? 0;
    expect(sentBefore).toBe(MEMBERS_PER_WINDOW);
    // First come first served, the next window would go to bob's queue and alice would wait for
    // the one after. As the parties holding the fewest slots, alice and the bot go first.
    const sentAtAnswer: number[] = [];
    const others = [SCENARIO_TOKENS.alice, SCENARIO_TOKENS.bot].map(async (token) => {
      const { body } = await gw.graphql(ONE_MEMBERS, undefined, { token });
      sentAtAnswer.push(gw.emulatorCalls().calls[MEMBERS] ?? 0);
      expect(body.errors).toBeUndefined();
    });
    await Promise.all(others);
    for (const sent of sentAtAnswer) expect(sent).toBeLessThanOrEqual(2 * MEMBERS_PER_WINDOW);
    for (const { body } of await Promise.all(bob)) expect(body.errors).toBeUndefined();
    const limited = await gw.gateway.metrics.registry
      .getSingleMetric('slack_rate_limited_total')
      ?.get();
    expect(limited?.values.reduce((sum, value) => sum + value.value, 0) ?? 0).toBe(0);
  });

  it('cancels queued Slack calls when the client goes away', async () => {
    gw = await start();
    await gw.graphql(BOB_WIDE(MEMBERS_PER_WINDOW), undefined, { token: SCENARIO_TOKENS.bob });
    const sent = gw.emulatorCalls().calls[MEMBERS] ?? 0;
    const controller = new AbortController();
    const gone = fetch(gw.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${SCENARIO_TOKENS.bob}`,
      },
      body: JSON.stringify({ query: BOB_WIDE(MEMBERS_PER_WINDOW) }),
      signal: controller.signal,
    }).catch(() => undefined);
    await until(async () => (await metric('governor_queue_depth')) === MEMBERS_PER_WINDOW);
    controller.abort();
    await gone;
    await until(async () => (await metric('governor_queue_depth')) === 0);
    // A later operation gets the next window's slots; none went to the abandoned calls.
    const { body } = await gw.graphql(ONE_MEMBERS, undefined, { token: SCENARIO_TOKENS.alice });
    expect(body.errors).toBeUndefined();
    expect(gw.emulatorCalls().calls[MEMBERS]).toBe(sent + 1);
  });

  it('cancels them when the operation deadline passes, answering DEADLINE_EXCEEDED', async () => {
    gw = await start({}, { operationDeadlineMs: WINDOW_MS / 4 });
    await gw.graphql(BOB_WIDE(MEMBERS_PER_WINDOW), undefined, { token: SCENARIO_TOKENS.bob });
    const sent = gw.emulatorCalls().calls[MEMBERS] ?? 0;
    const { body } = await gw.graphql(ONE_MEMBERS, undefined, { token: SCENARIO_TOKENS.alice });
    expect(codesOf(body)).toEqual(new Set(['DEADLINE_EXCEEDED']));
    expect(await metric('governor_queue_depth')).toBe(0);
    expect(gw.emulatorCalls().calls[MEMBERS]).toBe(sent);
  });
});
