import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/**
 * Issue 12 (review) and issue 16 item 5: the token used to be hashed by the context, the cache
 * key, the governor's bucket, the workspace resolver and the refused-token memory, on every Slack
 * call, with the last token memoised in a module variable. Now the context hashes it once and
 * every layer reads that hash. Every `SlackToken` is counted here: constructing one is the only
 * place a token is hashed on the way to Slack. (A repeat answered by the fast path hashes the token
 * once, inside its key, and builds no `SlackToken`: it is switched off here so that every request
 * reaches the context; test/integration/response-cache-fast-path.test.ts covers it.)
 */
const hashed = vi.hoisted((): string[] => []);

vi.mock('../../src/slack/slack-token.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/slack/slack-token.js')>();
  class CountedSlackToken extends original.SlackToken {
    constructor(value: string) {
      super(value);
      hashed.push(this.hash);
    }
  }
  return { ...original, SlackToken: CountedSlackToken };
});

/** Reads through every loader: auth.test (viewer, governor workspace), lists, info, members. */
const QUERY = `{
  viewer { user { id name } }
  conversations(first: 3) { edges { node { id name members(first: 2) { edges { node { id name } } } } } }
  conversation(id: "${SCENARIO_IDS.conversations.general}") { name topic { value } }
}`;

let gw: TestGateway;

beforeAll(async () => {
  // Every layer that keys by token on: cache, response cache, user directory, governor.
  gw = await startTestGateway({
    gatewayConfig: {
      governor: { enabled: true },
      cache: { enabled: true, responsesEnabled: true, repeatFastPathEnabled: false },
    },
  });
});
afterAll(() => gw.close());

describe('a request hashes its token', () => {
  it('once, however many Slack calls and layers it goes through', async () => {
    hashed.length = 0;
    gw.resetEmulatorCalls();
    const { body } = await gw.graphql(QUERY, undefined, { token: SCENARIO_TOKENS.alice });
    expect(body.errors).toBeUndefined();
    const calls = gw.emulatorCalls().total;
    console.log(`token hashing: 1 request, ${calls} Slack calls -> ${hashed.length} hash(es)`);
    expect(calls).toBeGreaterThan(3);
    expect(hashed).toHaveLength(1);
  });

  it('once per request and token, whoever sends it', async () => {
    hashed.length = 0;
    const tokens = [SCENARIO_TOKENS.alice, SCENARIO_TOKENS.bob, SCENARIO_TOKENS.alice];
    for (const token of tokens) await gw.graphql(QUERY, undefined, { token });
    expect(hashed).toHaveLength(tokens.length);
    expect(new Set(hashed).size).toBe(2);
  });

  it('once for a token Slack refuses, and never without a token', async () => {
    hashed.length = 0;
    const { body } = await gw.graphql(QUERY, undefined, {
      token: `xoxp-${randomBytes(16).toString('hex')}`,
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_AUTH');
    expect(hashed).toHaveLength(1);
    hashed.length = 0;
    await gw.graphql(QUERY, undefined, { token: null });
    expect(hashed).toHaveLength(0);
  });
});
