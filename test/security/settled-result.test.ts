import { afterEach, describe, expect, it } from 'vitest';
import { SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/**
 * Issue 13: graphql-js answers as soon as an error nulls the operation, while sibling fields
 * still wait for Slack. Their calls used to run to the end, spending the workspace's rate budget
 * on an answer nobody reads. Now the request's Slack calls are cancelled once its result is
 * final: queued ones leave the governor's queue unsent, and in-flight ones are cut.
 */

/** Long enough that the window does not turn between the two operations of the test. */
const WINDOW_MS = 5_000;
const MEMBERS_PER_WINDOW = 4;
const MEMBERS = 'conversations.members';

/** `first` public channels, each with a members page: one members call per channel. */
const WIDE = (first: number) => `{
  conversations(first: ${first}, types: [PUBLIC_CHANNEL]) {
    edges { node { id members(first: 1) { edges { node { id } } } } }
  }
}`;

let gw: TestGateway;
afterEach(() => gw.close());

/** The governor's queue for conversations.members, from the gateway's own `/metrics`. */
async function queueDepth(): Promise<number> {
  const text = await (await fetch(new URL('/metrics', gw.url))).text();
  const line = text
    .split('\n')
    .find((row) => row.startsWith(`governor_queue_depth{method="${MEMBERS}"}`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 800 && !(await check()); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(await check()).toBe(true);
}

const membersSent = () => gw.emulatorCalls().calls[MEMBERS] ?? 0;

describe('an operation whose result is final', () => {
  it('cancels its queued Slack calls', async () => {
    gw = await startTestGateway({
      emulatorConfig: { rateLimits: true, rateWindowMs: WINDOW_MS },
      gatewayConfig: {
        governor: {
          enabled: true,
          windowMs: WINDOW_MS,
          rateLimitOverrides: { [MEMBERS]: MEMBERS_PER_WINDOW },
          maxWaitMs: 4 * WINDOW_MS,
        },
        cache: { enabled: false },
      },
    });
    // Alice spends this window's members calls.
    const fill = await gw.graphql(WIDE(MEMBERS_PER_WINDOW));
    expect(fill.body.errors).toBeUndefined();
    expect(membersSent()).toBe(MEMBERS_PER_WINDOW);

    // Bob asks for 8 members pages. The per-operation cap lets 4 calls through, which queue
    // (the bucket is empty), and refuses the fifth: its error nulls the whole answer.
    const { body } = await gw.graphql(WIDE(2 * MEMBERS_PER_WINDOW), undefined, {
      token: SCENARIO_TOKENS.bob,
    });
    expect(body.data).toBeNull();
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual([
      'SLACK_CALL_BUDGET_EXCEEDED',
    ]);
    // The queue empties without waiting for the next window, and none of the 4 is ever sent
    // (before: they stayed queued and were sent when the window turned, 8 calls in all).
    await until(async () => (await queueDepth()) === 0);
    expect(membersSent()).toBe(MEMBERS_PER_WINDOW);
  });
});
