import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP } from '../../src/emulator/index.js';
import {
  SCENARIO_IDS,
  SCENARIO_TOKENS,
  scenarioWorkspace,
} from '../fixtures/scenario-workspace.js';
import { slackCall } from '../helpers/emulator.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import {
  type Subscription,
  subscribeOverWebSocket,
  untilStreams,
} from '../helpers/subscription-clients.js';

const { general, random } = SCENARIO_IDS.conversations;

/** The scenario workspace, where bob may also post messages (chat:write). */
function workspaceWhereBobPosts() {
  const workspace = scenarioWorkspace();
  for (const grant of workspace.tokens ?? []) {
    if (grant.token === SCENARIO_TOKENS.bob) grant.scopes = [...grant.scopes, 'chat:write'];
  }
  return workspace;
}

/**
 * The gateway's Socket Mode ingest (`SLACK_APP_TOKEN`, `@slack/socket-mode`) against the
 * emulator: a change made elsewhere arrives over the socket, is acknowledged after the cache has
 * dropped what it contradicts, and reaches subscribers. The gateway also has a verified HTTP
 * Request URL, as Slack allows; while the socket is connected Slack sends nothing over HTTP.
 */
describe('Socket Mode ingest from the emulator', () => {
  let gw: TestGateway;
  const open: Subscription[] = [];

  beforeAll(async () => {
    gw = await startTestGateway({
      workspace: workspaceWhereBobPosts(),
      liveEvents: true,
      gatewayConfig: { cache: { enabled: true }, events: { appToken: DEFAULT_APP.app_token } },
    });
  });
  afterAll(async () => {
    await Promise.all(open.map((subscription) => subscription.close()));
    await gw.close();
  });

  /** Another client of the workspace changes something (not through the gateway). */
  async function changeElsewhere(method: string, args: Record<string, string>): Promise<void> {
    const { body } = await slackCall(gw.emulator.url, method, args, { token: SCENARIO_TOKENS.bob });
    expect(body).toMatchObject({ ok: true });
  }

  /** Waits (no clock) until every event emitted so far has been acknowledged over the socket. */
  async function untilAcked(emittedAtLeast: number): Promise<void> {
    for (;;) {
      const stats = gw.emulator.eventStats();
      if (stats.emitted >= emittedAtLeast && stats.acks === stats.emitted) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it('a message posted elsewhere is acked over the socket, read fresh and heard by a subscriber', async () => {
    const history = () =>
      gw.graphql<{ conversation: { messages: { edges: Array<{ node: { text: string } }> } } }>(
        `query($id: ID!) { conversation(id: $id) { messages(first: 1) { edges { node { text } } } } }`,
        { id: general },
      );
    const before = gw.gateway.openStreams;
    const messages = subscribeOverWebSocket(
      gw.url,
      SCENARIO_TOKENS.alice,
      `subscription($id: ID!) { messageAdded(conversationId: $id) { text user { id } } }`,
      { id: general },
    );
    open.push(messages);
    await untilStreams(gw.gateway, before + 1);
    // Warm the cache: a second read costs no Slack call, so only the event can make it fresh.
    await history();
    gw.resetEmulatorCalls();
    await history();
    expect(gw.emulatorCalls().total).toBe(0);

    const start = gw.emulator.eventStats();
    const text = 'posted by bob over the Web API';
    await changeElsewhere('chat.postMessage', { channel: general, text });
    await untilAcked(start.emitted + 1);

    const read = await history();
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.conversation.messages.edges[0]?.node.text).toBe(text);
    expect(gw.emulatorCalls().calls['conversations.history']).toBe(1);
    expect(await messages.next()).toEqual({
      data: { messageAdded: { text, user: { id: SCENARIO_IDS.users.bob } } },
    });

    // Every delivery was a Socket Mode envelope the gateway acked: none went over HTTP.
    const stats = gw.emulator.eventStats();
    expect(stats.delivered - start.delivered).toBe(stats.acks - start.acks);
    expect(stats.attempts - start.attempts).toBe(stats.acks - start.acks);
    expect(stats.retries).toBe(0);
    await messages.close();
    await untilStreams(gw.gateway, before);
  });

  it('a rename elsewhere drops the cached conversation for every token before the ack', async () => {
    const name = (token: string) =>
      gw.graphql<{ conversation: { name: string } }>(
        `query($id: ID!) { conversation(id: $id) { name } }`,
        { id: random },
        { token },
      );
    const before = gw.gateway.openStreams;
    const changes = subscribeOverWebSocket(
      gw.url,
      SCENARIO_TOKENS.alice,
      `subscription { conversationChanged { kind conversationId value conversation { name } } }`,
    );
    open.push(changes);
    await untilStreams(gw.gateway, before + 1);
    await name(SCENARIO_TOKENS.alice);
    await name(SCENARIO_TOKENS.bob);
    gw.resetEmulatorCalls();
    expect((await name(SCENARIO_TOKENS.alice)).body.data?.conversation.name).toBe('random');
    expect(gw.emulatorCalls().total).toBe(0);

    const start = gw.emulator.eventStats();
    await changeElsewhere('conversations.rename', { channel: random, name: 'random-by-socket' });
    // channel_rename and the channel_name message.
    await untilAcked(start.emitted + 2);

    for (const token of [SCENARIO_TOKENS.alice, SCENARIO_TOKENS.bob]) {
      expect((await name(token)).body.data?.conversation.name).toBe('random-by-socket');
    }
    expect(await changes.next()).toEqual({
      data: {
        conversationChanged: {
          kind: 'RENAMED',
          conversationId: random,
          value: 'random-by-socket',
          conversation: { name: 'random-by-socket' },
        },
      },
    });
    const stats = gw.emulator.eventStats();
    expect(stats.delivered - start.delivered).toBe(stats.acks - start.acks);
    expect(stats.attempts - start.attempts).toBe(stats.acks - start.acks);
    await changes.close();
    await untilStreams(gw.gateway, before);
  });
});
