import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/**
 * Issue 13, item 3: any write Slack refused (`invalid_auth`, `channel_not_found`,
 * `missing_scope`, …) dropped every token's list pages and per-conversation entries, so an
 * attacker with a random token could turn another user's 1-call polling into full re-reads and
 * RATE_LIMITED answers. Only writes that succeeded or whose outcome is unknown invalidate now.
 */

const C = SCENARIO_IDS.conversations;
const POLL = `{
  conversations(first: 5) { edges { node { id name } } }
  conversation(id: "${C.general}") { name topic { value } }
}`;
const ARCHIVE = `mutation Archive($id: ID!) {
  archiveConversation(input: { id: $id }) { __typename ... on MutationError { code } }
}`;
/** Failing writes the attack sends, per kind. */
const ATTEMPTS = 20;

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    gatewayConfig: {
      governor: {
        enabled: true,
        // The attack's 40 refused archives with valid tokens would use up Tier 2 for the test.
        rateLimitOverrides: { 'conversations.archive': 1_000 },
      },
      cache: { enabled: true },
    },
  });
});
afterAll(() => gw.close());

async function poll(): Promise<number> {
  gw.resetEmulatorCalls();
  const { body } = await gw.graphql(POLL, undefined, { token: SCENARIO_TOKENS.alice });
  expect(body.errors).toBeUndefined();
  return gw.emulatorCalls().total;
}

describe('writes that Slack refuses', () => {
  it("leave another user's cached answers in place", async () => {
    expect(await poll()).toBeGreaterThan(0);
    expect(await poll()).toBe(0);

    const refusals: Promise<unknown>[] = [];
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const random = `xoxp-${randomBytes(12).toString('hex')}`;
      refusals.push(
        // invalid_auth, for a conversation alice polls
        gw.graphql(ARCHIVE, { id: C.general }, { token: random }),
        // channel_not_found, with a valid token
        gw.graphql(ARCHIVE, { id: 'C0NOSUCH00' }, { token: SCENARIO_TOKENS.bob }),
        // missing_scope
        gw.graphql(ARCHIVE, { id: C.extra[5] }, { token: SCENARIO_TOKENS.readOnly }),
      );
    }
    const answers = (await Promise.all(refusals)) as {
      body: { errors?: unknown; data?: unknown };
    }[];
    expect(answers.every(({ body }) => body.errors !== undefined || body.data !== null)).toBe(true);

    // Polling still costs nothing: nothing was invalidated.
    expect(await poll()).toBe(0);
  });

  it('while a write that succeeded still invalidates', async () => {
    expect(await poll()).toBe(0);
    const { body } = await gw.graphql(
      ARCHIVE,
      { id: C.extra[0] },
      { token: SCENARIO_TOKENS.alice },
    );
    expect(body.errors).toBeUndefined();
    expect(await poll()).toBeGreaterThan(0);
  });
});
