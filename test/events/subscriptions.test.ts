import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP } from '../../src/emulator/index.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { deliverEvent, eventCallback } from '../helpers/slack-events.js';
import {
  type Subscription,
  subscribeOverSse,
  subscribeOverWebSocket,
  untilStreams,
} from '../helpers/subscription-clients.js';

const { general, random, secret } = SCENARIO_IDS.conversations;
const privateChannel = SCENARIO_IDS.conversations.private;

const MESSAGE_ADDED = `subscription($id: ID!) {
  messageAdded(conversationId: $id) { ts text subtype user { id } conversation { id topic { value } } }
}`;
const CONVERSATION_CHANGED = `subscription($id: ID) {
  conversationChanged(conversationId: $id) {
    kind conversationId value user { id } conversation { name topic { value } }
  }
}`;

/** Another Slack client of the workspace changes something (not through the gateway). */
async function slackCall(
  gw: TestGateway,
  method: string,
  args: Record<string, string>,
  token: string,
) {
  const response = await fetch(`${gw.emulator.url}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: new URLSearchParams(args),
  });
  const body = (await response.json()) as { ok: boolean; error?: string };
  expect(body).toMatchObject({ ok: true });
}

describe('subscriptions fed by the emulator’s event deliveries', () => {
  let gw: TestGateway;
  const open: Subscription[] = [];
  const track = (subscription: Subscription) => {
    open.push(subscription);
    return subscription;
  };

  beforeAll(async () => {
    gw = await startTestGateway({ liveEvents: true, gatewayConfig: { cache: { enabled: true } } });
  });
  afterAll(async () => {
    await Promise.all(open.map((subscription) => subscription.close()));
    await gw.close();
  });

  for (const [transport, subscribe] of [
    ['graphql-ws', subscribeOverWebSocket],
    ['graphql-sse', subscribeOverSse],
  ] as const) {
    it(`${transport}: a topic set elsewhere arrives as a message and a change, read fresh`, async () => {
      const topic = `Topic over ${transport}`;
      const before = gw.gateway.openStreams;
      const messages = track(
        subscribe(gw.url, SCENARIO_TOKENS.alice, MESSAGE_ADDED, { id: general }),
      );
      const changes = track(
        subscribe(gw.url, SCENARIO_TOKENS.alice, CONVERSATION_CHANGED, { id: general }),
      );
      await untilStreams(gw.gateway, before + 2);
      // Warm the cache with the old topic: the event must drop it before subscribers hear it.
      await gw.graphql(`query($id: ID!) { conversation(id: $id) { topic { value } } }`, {
        id: general,
      });
      await slackCall(
        gw,
        'conversations.setTopic',
        { channel: general, topic },
        SCENARIO_TOKENS.bob,
      );

      const added = await messages.next();
      expect(added.errors).toBeUndefined();
      expect(added.data).toMatchObject({
        messageAdded: {
          subtype: 'channel_topic',
          user: { id: SCENARIO_IDS.users.bob },
          conversation: { id: general, topic: { value: topic } },
        },
      });
      const changed = await changes.next();
      expect(changed.data).toEqual({
        conversationChanged: {
          kind: 'TOPIC_CHANGED',
          conversationId: general,
          value: topic,
          user: { id: SCENARIO_IDS.users.bob },
          conversation: { name: 'general', topic: { value: topic } },
        },
      });
      await messages.close();
      await changes.close();
      await untilStreams(gw.gateway, before);
    });
  }

  it('refuses to start on a conversation the token cannot see (same answer as a query)', async () => {
    const refused = track(
      subscribeOverWebSocket(gw.url, SCENARIO_TOKENS.bob, MESSAGE_ADDED, { id: privateChannel }),
    );
    const first = await refused.next();
    expect(first.errors?.[0]?.extensions?.code).toBe('CHANNEL_NOT_FOUND');
    const query = await gw.graphql(
      `query($id: ID!) { conversation(id: $id) { id } }`,
      { id: privateChannel },
      { token: SCENARIO_TOKENS.bob },
    );
    expect(query.body.errors?.[0]?.extensions?.code).toBe('CHANNEL_NOT_FOUND');
  });

  it('two tokens that see different conversations each hear only theirs, interleaved', async () => {
    const before = gw.gateway.openStreams;
    const alice = track(
      subscribeOverWebSocket(gw.url, SCENARIO_TOKENS.alice, CONVERSATION_CHANGED),
    );
    const bob = track(subscribeOverSse(gw.url, SCENARIO_TOKENS.bob, CONVERSATION_CHANGED));
    await untilStreams(gw.gateway, before + 2);
    const rename = (channel: string, name: string, token: string) =>
      slackCall(gw, 'conversations.rename', { channel, name }, token);
    await rename(privateChannel, 'plans-renamed', SCENARIO_TOKENS.alice);
    await rename(secret, 'bob-secret-renamed', SCENARIO_TOKENS.bob);
    await rename(random, 'random-renamed', SCENARIO_TOKENS.bob);
    await rename(secret, 'bob-secret-again', SCENARIO_TOKENS.bob);
    await rename(privateChannel, 'plans-again', SCENARIO_TOKENS.alice);
    await rename(general, 'general-renamed', SCENARIO_TOKENS.alice);

    const heard = async (subscription: Subscription, count: number) => {
      const names: string[] = [];
      for (let index = 0; index < count; index += 1) {
        const body = await subscription.next();
        const change = (body.data as { conversationChanged: { kind: string; value: string } })
          .conversationChanged;
        if (change.kind === 'RENAMED') names.push(change.value);
      }
      return names;
    };
    expect(await heard(alice, 4)).toEqual([
      'plans-renamed',
      'random-renamed',
      'plans-again',
      'general-renamed',
    ]);
    expect(await heard(bob, 4)).toEqual([
      'bob-secret-renamed',
      'random-renamed',
      'bob-secret-again',
      'general-renamed',
    ]);
    await alice.close();
    await bob.close();
    await untilStreams(gw.gateway, before);
  });

  it('ends the stream with ACCESS_LOST when the subscriber leaves a private conversation', async () => {
    const before = gw.gateway.openStreams;
    const stream = track(
      subscribeOverWebSocket(gw.url, SCENARIO_TOKENS.alice, CONVERSATION_CHANGED, {
        id: privateChannel,
      }),
    );
    await untilStreams(gw.gateway, before + 1);
    await slackCall(gw, 'conversations.leave', { channel: privateChannel }, SCENARIO_TOKENS.alice);
    // Slack tells the leaver first (group_left) and the members then (member_left_channel):
    // whichever arrives first ends the stream, after at most the leave itself.
    let payload = await stream.next();
    if (payload.errors === undefined) {
      expect(payload.data).toMatchObject({
        conversationChanged: { kind: 'MEMBER_LEFT', user: { id: SCENARIO_IDS.users.alice } },
      });
      payload = await stream.next();
    }
    expect(payload.data).toBeNull();
    expect(payload.errors?.[0]?.extensions?.code).toBe('ACCESS_LOST');
    await stream.completed;
    await untilStreams(gw.gateway, before);
  });

  it('ends the streams of a revoked token with TOKEN_REVOKED, and only those', async () => {
    const before = gw.gateway.openStreams;
    const bob = track(
      subscribeOverWebSocket(gw.url, SCENARIO_TOKENS.bob, MESSAGE_ADDED, { id: random }),
    );
    const alice = track(
      subscribeOverWebSocket(gw.url, SCENARIO_TOKENS.alice, MESSAGE_ADDED, { id: random }),
    );
    await untilStreams(gw.gateway, before + 2);
    const revoked = eventCallback({
      type: 'tokens_revoked',
      tokens: { oauth: [SCENARIO_IDS.users.bob], bot: [] },
    });
    const delivered = await deliverEvent(gw.gateway.server.origin, revoked, {
      secret: DEFAULT_APP.signing_secret,
    });
    expect(delivered.status).toBe(200);
    const ended = await bob.next();
    expect(ended.errors?.[0]?.extensions?.code).toBe('TOKEN_REVOKED');
    await bob.completed;
    await untilStreams(gw.gateway, before + 1);
    await alice.close();
  });
});
