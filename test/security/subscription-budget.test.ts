import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import {
  subscribeOverSse,
  subscribeOverWebSocket,
  untilStreams,
} from '../helpers/subscription-clients.js';

const { general } = SCENARIO_IDS.conversations;

/** Each event may cost conversations.info, a members page and a users.info per member. */
const EXPENSIVE = `subscription($id: ID!) {
  messageAdded(conversationId: $id) {
    text conversation { members(first: 20) { edges { node { name } } } }
  }
}`;

/** Each event costs nothing beyond what the event carries. */
const CHEAP = 'subscription($id: ID!) { messageAdded(conversationId: $id) { text ts } }';

/** Small enough that one event of EXPENSIVE (1 + 1 + 20 calls) is over it. */
const BUDGET = 10;

describe('subscriptions: estimated against the Slack-call budget at subscribe time', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      liveEvents: true,
      gatewayConfig: { limits: { slackCallBudget: BUDGET } },
    });
  });
  afterAll(() => gw.close());

  for (const [transport, subscribe] of [
    ['graphql-sse', subscribeOverSse],
    ['graphql-ws', subscribeOverWebSocket],
  ] as const) {
    it(`${transport}: an over-budget subscription is refused with 0 Slack calls`, async () => {
      const before = gw.gateway.openStreams;
      gw.resetEmulatorCalls();
      const refused = subscribe(gw.url, SCENARIO_TOKENS.alice, EXPENSIVE, { id: general });
      const payload = await refused.next();
      expect(payload.errors?.map((error) => error.extensions?.code)).toEqual([
        'SLACK_CALL_BUDGET_EXCEEDED',
      ]);
      expect(payload.errors?.[0]?.extensions).toMatchObject({ estimate: 22, budget: BUDGET });
      await refused.completed;
      await refused.close();
      // Not even the start's auth.test and visibility check reached Slack.
      expect(gw.emulatorCalls().total).toBe(0);
      expect(gw.gateway.openStreams).toBe(before);

      // A subscription within the budget still starts.
      const cheap = subscribe(gw.url, SCENARIO_TOKENS.alice, CHEAP, { id: general });
      await untilStreams(gw.gateway, before + 1);
      expect(gw.emulatorCalls().total).toBeGreaterThan(0);
      await cheap.close();
      await untilStreams(gw.gateway, before);
    });
  }
});
