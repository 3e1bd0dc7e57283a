import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { slackCall } from '../helpers/emulator.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import {
  type Subscription,
  subscribeOverSse,
  subscribeOverWebSocket,
  untilStreams,
} from '../helpers/subscription-clients.js';

const { general } = SCENARIO_IDS.conversations;
/** Public; alice is a member, bob is not (but sees it): `isMember` differs by token. */
const project = SCENARIO_IDS.conversations.extra[0] as string;

const MESSAGE_ADDED = `subscription($id: ID!) {
  messageAdded(conversationId: $id) { text user { id } conversation { id isMember topic { value } } }
}`;
const CONVERSATION_CHANGED = `subscription($id: ID) {
  conversationChanged(conversationId: $id) { kind value conversation { name } }
}`;

type Outcomes = { executed: number; shared: number };

describe('a subscription event is executed once per (token, document, variables) group', () => {
  let gw: TestGateway;
  const open: Subscription[] = [];

  beforeAll(async () => {
    gw = await startTestGateway({ liveEvents: true, gatewayConfig: { cache: { enabled: true } } });
  });
  afterAll(async () => {
    await Promise.all(open.map((subscription) => subscription.close()));
    await gw.close();
  });

  /** `subscription_event_executions_total` by outcome. */
  const outcomes = async (): Promise<Outcomes> => {
    const metric = await gw.gateway.metrics.registry
      .getSingleMetric('subscription_event_executions_total')
      ?.get();
    const count = (outcome: string) =>
      metric?.values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
    return { executed: count('executed'), shared: count('shared') };
  };
  /** What a block of work added to the outcomes. */
  const counted = async (work: () => Promise<void>): Promise<Outcomes> => {
    const before = await outcomes();
    await work();
    const after = await outcomes();
    return { executed: after.executed - before.executed, shared: after.shared - before.shared };
  };

  /** Subscribes `token` over graphql-ws and SSE alternately (both transports share a group). */
  const subscribers = (
    specs: Array<{ token: string; query: string; variables?: Record<string, unknown> }>,
  ): Subscription[] =>
    specs.map(({ token, query, variables }, index) => {
      const subscribe = index % 2 === 0 ? subscribeOverWebSocket : subscribeOverSse;
      const subscription = subscribe(gw.url, token, query, variables);
      open.push(subscription);
      return subscription;
    });
  const closeAll = async (subscriptions: Subscription[], before: number) => {
    await Promise.all(subscriptions.map((subscription) => subscription.close()));
    await untilStreams(gw.gateway, before);
  };

  /** Another Slack client of the workspace changes something (not through the gateway). */
  const change = async (method: string, args: Record<string, string>, token: string) => {
    const { body } = await slackCall(gw.emulator.url, method, args, { token });
    expect(body).toMatchObject({ ok: true });
  };
  const setTopic = (channel: string, topic: string, token: string = SCENARIO_TOKENS.bob) =>
    change('conversations.setTopic', { channel, topic }, token);

  it('five subscribers of one token and document: one execution per event, five payloads', async () => {
    const before = gw.gateway.openStreams;
    const streams = subscribers(
      Array.from({ length: 5 }, () => ({
        token: SCENARIO_TOKENS.alice,
        query: MESSAGE_ADDED,
        variables: { id: general },
      })),
    );
    await untilStreams(gw.gateway, before + 5);
    for (const topic of ['shared once', 'shared twice']) {
      const delta = await counted(async () => {
        await setTopic(general, topic);
        const payloads = await Promise.all(streams.map((stream) => stream.next()));
        for (const payload of payloads) {
          expect(payload).toEqual({
            data: {
              messageAdded: {
                text: `set the channel topic: ${topic}`,
                user: { id: SCENARIO_IDS.users.bob },
                conversation: { id: general, isMember: true, topic: { value: topic } },
              },
            },
          });
        }
      });
      expect(delta).toEqual({ executed: 1, shared: 4 });
    }
    await closeAll(streams, before);
  });

  it('two tokens: one execution each, and neither hears the other’s answer (interleaved)', async () => {
    const before = gw.gateway.openStreams;
    const tokens = [
      SCENARIO_TOKENS.alice,
      SCENARIO_TOKENS.bob,
      SCENARIO_TOKENS.alice,
      SCENARIO_TOKENS.bob,
      SCENARIO_TOKENS.bob,
      SCENARIO_TOKENS.alice,
    ];
    const streams = subscribers(
      tokens.map((token) => ({ token, query: MESSAGE_ADDED, variables: { id: project } })),
    );
    await untilStreams(gw.gateway, before + tokens.length);
    // alice is a member, so she may set the topic; bob's subscribers see it as a non-member.
    for (const topic of ['by alice', 'again by alice']) {
      const delta = await counted(async () => {
        await setTopic(project, topic, SCENARIO_TOKENS.alice);
        const payloads = await Promise.all(streams.map((stream) => stream.next()));
        payloads.forEach((payload, index) => {
          // The same event, resolved for each token: only alice is a member.
          expect(payload.errors).toBeUndefined();
          expect(payload.data).toMatchObject({
            messageAdded: {
              conversation: { isMember: tokens[index] === SCENARIO_TOKENS.alice },
            },
          });
        });
      });
      expect(delta).toEqual({ executed: 2, shared: 4 });
    }
    await closeAll(streams, before);
  });

  it('different variables are different groups, even for the same event', async () => {
    const before = gw.gateway.openStreams;
    const variables = [{ id: general }, {}, { id: general }, {}];
    const streams = subscribers(
      variables.map((each) => ({
        token: SCENARIO_TOKENS.alice,
        query: CONVERSATION_CHANGED,
        variables: each,
      })),
    );
    await untilStreams(gw.gateway, before + variables.length);
    const delta = await counted(async () => {
      await change(
        'conversations.rename',
        { channel: general, name: 'everyone' },
        SCENARIO_TOKENS.alice,
      );
      const payloads = await Promise.all(streams.map((stream) => stream.next()));
      for (const payload of payloads) {
        expect(payload).toEqual({
          data: {
            conversationChanged: {
              kind: 'RENAMED',
              value: 'everyone',
              conversation: { name: 'everyone' },
            },
          },
        });
      }
    });
    // The workspace-wide streams (no id) and the conversation's streams: one execution each.
    expect(delta).toEqual({ executed: 2, shared: 2 });
    await closeAll(streams, before);
  });
});
