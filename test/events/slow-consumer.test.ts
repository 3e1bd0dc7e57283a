import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_APP } from '../../src/emulator/index.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { deliverEvent, eventCallback } from '../helpers/slack-events.js';
import { untilStreams } from '../helpers/subscription-clients.js';

const BUFFER = 8;
/** Enough 64 KiB messages to fill any loopback socket buffer many times over. */
const MAX_EVENTS = 600;

describe('a subscriber that stops reading', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ liveEvents: true, subscriberBufferSize: BUFFER });
  });
  afterAll(() => gw.close());

  it('is cut off once its buffer is full: the socket is closed and its stream ends', async () => {
    const socket = new WebSocket(gw.url.replace('http', 'ws'), 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { Authorization: `Bearer ${SCENARIO_TOKENS.alice}` },
      }),
    );
    await new Promise((resolve) => socket.once('message', resolve));
    socket.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: {
          query: 'subscription($id: ID!) { messageAdded(conversationId: $id) { text } }',
          variables: { id: SCENARIO_IDS.conversations.general },
        },
      }),
    );
    await untilStreams(gw.gateway, 1);
    // The client stops reading: its kernel buffers fill, then the gateway's sends stall.
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    let closed = false;
    socket.once('close', () => {
      closed = true;
    });
    const text = 'x'.repeat(65_536);
    let delivered = 0;
    while (gw.gateway.openStreams > 0 && delivered < MAX_EVENTS) {
      const event = eventCallback({
        type: 'message',
        channel: SCENARIO_IDS.conversations.general,
        channel_type: 'channel',
        user: SCENARIO_IDS.users.bob,
        text,
        ts: `1800000000.${String(delivered).padStart(6, '0')}`,
      });
      const { status } = await deliverEvent(gw.gateway.server.origin, event, {
        secret: DEFAULT_APP.signing_secret,
      });
      expect(status).toBe(200);
      delivered += 1;
    }
    expect(gw.gateway.openStreams).toBe(0);
    expect(delivered).toBeLessThan(MAX_EVENTS);
    // The gateway terminated the socket: the client sees it close once it reads again.
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    while (!closed) await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
  });
});
