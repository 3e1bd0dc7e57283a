import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackCostReport } from '../../src/operation-cost/slack-cost-ledger.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import {
  type Subscription,
  subscribeOverSse,
  subscribeOverWebSocket,
  untilStreams,
} from '../helpers/subscription-clients.js';

const { general } = SCENARIO_IDS.conversations;

/** Each event needs the author (users.info) and the conversation as it is now (conversations.info). */
const MESSAGE_ADDED = `subscription($id: ID!) {
  messageAdded(conversationId: $id) { text user { name } conversation { name topic { value } } }
}`;

/** The Slack method another client of the workspace calls to make an event happen. */
const TRIGGER = 'conversations.setTopic';

/** Bob sets the topic of #general elsewhere: a `channel_topic` message for the subscriber. */
async function setTopic(gw: TestGateway, topic: string): Promise<void> {
  const response = await fetch(`${gw.emulator.url}${TRIGGER}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SCENARIO_TOKENS.bob}` },
    body: new URLSearchParams({ channel: general, topic }),
  });
  expect(await response.json()).toMatchObject({ ok: true });
}

describe('extensions.slackCost of subscriptions equals the emulator’s counts', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      liveEvents: true,
      gatewayConfig: { observability: { slackCostExposure: 'always' } },
    });
  });
  afterAll(() => gw.close());

  /** Calls the emulator saw from the gateway: all but the test's own triggers. */
  const gatewayCalls = () => {
    const { [TRIGGER]: _triggers, ...calls } = gw.emulatorCalls().calls;
    return calls;
  };

  const costOf = async (subscription: Subscription) => {
    const payload = (await subscription.next()) as {
      errors?: unknown;
      extensions?: { slackCost?: SlackCostReport };
    };
    expect(payload.errors).toBeUndefined();
    return payload.extensions?.slackCost;
  };

  for (const [transport, subscribe] of [
    ['graphql-sse', subscribeOverSse],
    ['graphql-ws', subscribeOverWebSocket],
  ] as const) {
    it(`${transport}: the start and each event, as figures so far on every payload`, async () => {
      const before = gw.gateway.openStreams;
      gw.resetEmulatorCalls();
      const messages = subscribe(gw.url, SCENARIO_TOKENS.alice, MESSAGE_ADDED, { id: general });
      await untilStreams(gw.gateway, before + 1);
      // The start: the token's identity and whether it sees the conversation.
      const start = gatewayCalls();
      expect(start).toEqual({ 'auth.test': 1, 'conversations.info': 1 });

      await setTopic(gw, `first over ${transport}`);
      const first = await costOf(messages);
      const afterFirst = gatewayCalls();
      // The first payload carries the start and its own event's resolution.
      expect(afterFirst).toEqual({ 'auth.test': 1, 'conversations.info': 2, 'users.info': 1 });
      expect(first?.calls).toEqual(afterFirst);
      expect(first?.totalCalls).toBe(4);

      await setTopic(gw, `second over ${transport}`);
      const second = await costOf(messages);
      const afterSecond = gatewayCalls();
      expect(afterSecond).toEqual({ 'auth.test': 1, 'conversations.info': 3, 'users.info': 2 });
      expect(second?.calls).toEqual(afterSecond);
      expect(second).toMatchObject({ totalCalls: 6, responseCache: false });

      // Leaving a quiet stream closes it at once (the reporting wrapper must not hold it open).
      await messages.close();
      await untilStreams(gw.gateway, before);
    });
  }

  it('a subscription refused at start reports the calls of its check with the error', async () => {
    gw.resetEmulatorCalls();
    const refused = subscribeOverSse(gw.url, SCENARIO_TOKENS.bob, MESSAGE_ADDED, {
      id: SCENARIO_IDS.conversations.private,
    });
    const payload = (await refused.next()) as {
      errors?: Array<{ extensions?: { code?: string } }>;
      extensions?: { slackCost?: SlackCostReport };
    };
    expect(payload.errors?.[0]?.extensions?.code).toBe('CHANNEL_NOT_FOUND');
    expect(gatewayCalls()).toEqual({ 'auth.test': 1, 'conversations.info': 1 });
    expect(payload.extensions?.slackCost?.calls).toEqual(gatewayCalls());
    await refused.close();
  });

  it('graphql-ws, where production exposure asks for it: only when the connection sends X-Slack-Cost', async () => {
    const onRequest = await startTestGateway({
      liveEvents: true,
      gatewayConfig: { observability: { slackCostExposure: 'on-request' } },
    });
    try {
      const vars = { id: general };
      const asked = subscribeOverWebSocket(
        onRequest.url,
        SCENARIO_TOKENS.alice,
        MESSAGE_ADDED,
        vars,
        { 'X-Slack-Cost': '1' },
      );
      const silent = subscribeOverWebSocket(
        onRequest.url,
        SCENARIO_TOKENS.alice,
        MESSAGE_ADDED,
        vars,
      );
      await untilStreams(onRequest.gateway, 2);
      await setTopic(onRequest, 'asked or not');
      const [withCost, without] = await Promise.all([asked.next(), silent.next()]);
      expect(without.data).toEqual(withCost.data);
      expect((without as { extensions?: unknown }).extensions).toBeUndefined();
      expect(
        (withCost as { extensions?: { slackCost?: SlackCostReport } }).extensions?.slackCost,
      ).toMatchObject({ totalCalls: 4 });
      await Promise.all([asked.close(), silent.close()]);
      await untilStreams(onRequest.gateway, 0);
    } finally {
      await onRequest.close();
    }
  });
});
