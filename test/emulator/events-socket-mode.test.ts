import { LogLevel as SocketLogLevel, SocketModeClient } from '@slack/socket-mode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import { EV, eventsWorkspace } from '../fixtures/events-workspace.js';
import { slackCall, startTestEmulator } from '../helpers/emulator.js';
import { type EventReceiver, postAsBob, startEventReceiver } from '../helpers/event-receiver.js';

/**
 * Socket Mode, tested with Slack's own client (`@slack/socket-mode`) unchanged: it opens the
 * connection through apps.connections.open with the app-level token, gets `hello`, receives
 * `events_api` envelopes and acks them; unacked envelopes are redelivered with `retry_attempt`;
 * a `disconnect` makes it reconnect. While it is connected, HTTP gets nothing.
 */

let emulator: EmulatorHandle;
let receiver: EventReceiver;
let clients: SocketModeClient[] = [];

interface Received {
  type: string;
  body: { event_id: string; event: Record<string, unknown> };
  retry_num: number;
  retry_reason: string;
  ack: () => Promise<void>;
}

/** @param reconnectDelayMs the client waits this long (times the attempts) before reconnecting */
function socketClient(reconnectDelayMs?: number): SocketModeClient {
  const client = new SocketModeClient({
    appToken: EV.app.app_token,
    ...(reconnectDelayMs === undefined ? {} : { clientPingTimeout: reconnectDelayMs }),
    logLevel: SocketLogLevel.ERROR,
    clientOptions: { slackApiUrl: emulator.url },
  });
  clients.push(client);
  return client;
}

beforeEach(async () => {
  receiver = await startEventReceiver();
  emulator = await startTestEmulator(eventsWorkspace(), {
    eventsUrl: receiver.url,
    // Generous, so a busy machine never turns a prompt ack into a redelivery; the redelivery
    // test shortens it for itself.
    eventTimeoutMs: 10_000,
    eventRetryDelaysMs: [0, 5, 5],
  });
  await emulator.eventsUrlVerified();
});
afterEach(async () => {
  for (const client of clients) await client.disconnect();
  clients = [];
  await emulator.close();
  await receiver.close();
});

describe('apps.connections.open', () => {
  it('answers a one-time ws:// URL for the app-level token only', async () => {
    const opened = await slackCall(
      emulator.url,
      'apps.connections.open',
      {},
      { token: EV.app.app_token },
    );
    expect(opened.body).toEqual({
      ok: true,
      url: expect.stringMatching(
        /^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[\w-]+&app_id=A0EVENTAPP1$/,
      ),
    });
    const withBot = await slackCall(
      emulator.url,
      'apps.connections.open',
      {},
      { token: EV.tokens.bot },
    );
    expect(withBot.body).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect((await slackCall(emulator.url, 'apps.connections.open', {})).body).toEqual({
      ok: false,
      error: 'not_authed',
    });
    const appOnWebApi = await slackCall(emulator.url, 'auth.test', {}, { token: EV.app.app_token });
    expect(appOnWebApi.body).toEqual({ ok: false, error: 'not_allowed_token_type' });
  });
});

describe('the wire, read with a bare WebSocket', () => {
  it('sends hello, then disconnect warning and refresh_requested; a ticket works once', async () => {
    emulator.configure({ socketRefreshMs: 300, socketRefreshWarningMs: 150 });
    const opened = await slackCall(
      emulator.url,
      'apps.connections.open',
      {},
      { token: EV.app.app_token },
    );
    const url = String(opened.body.url);
    const socket = new WebSocket(url);
    const messages: Record<string, unknown>[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await vi.waitFor(() => expect(messages).toHaveLength(3), { timeout: 10_000, interval: 5 });
    expect(messages).toEqual([
      {
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'emulator', build_number: 1, approximate_connection_time: 0 },
        connection_info: { app_id: EV.app.id },
      },
      { type: 'disconnect', reason: 'warning', debug_info: { host: 'emulator', build_number: 1 } },
      {
        type: 'disconnect',
        reason: 'refresh_requested',
        debug_info: { host: 'emulator', build_number: 1 },
      },
    ]);
    socket.close();
    const reused = new WebSocket(url);
    const status = await new Promise<number | undefined>((resolve) => {
      reused.on('unexpected-response', (_request, response) => resolve(response.statusCode));
      reused.on('open', () => resolve(undefined));
    });
    expect(status).toBe(401);
  });
});

describe('the official Socket Mode client', () => {
  it('connects, receives events_api envelopes, acks them; HTTP gets nothing meanwhile', async () => {
    const client = socketClient();
    const received: Received[] = [];
    client.on('message', async (args: Received) => {
      received.push(args);
      await args.ack();
    });
    await client.start();
    await postAsBob(emulator.url, 'over the socket');
    await vi.waitFor(() => expect(emulator.eventStats().acks).toBe(1), {
      timeout: 10_000,
      interval: 5,
    });
    expect(received).toHaveLength(1);
    const [first] = received;
    expect(first?.body).toMatchObject({
      type: 'event_callback',
      api_app_id: EV.app.id,
      event: { type: 'message', text: 'over the socket', channel_type: 'channel' },
    });
    expect(first?.retry_num).toBe(0);
    expect(receiver.callbacks()).toHaveLength(0);
    expect(emulator.eventStats()).toMatchObject({
      emitted: 1,
      attempts: 1,
      delivered: 1,
      acks: 1,
    });
  });

  it('gets unacked envelopes again with retry_attempt and retry_reason, same event_id', async () => {
    const client = socketClient();
    const received: Received[] = [];
    client.on('message', async (args: Received) => {
      received.push(args);
      if (received.length > 1) await args.ack();
    });
    await client.start();
    emulator.configure({ eventTimeoutMs: 200 });
    await postAsBob(emulator.url, 'ack me later');
    await vi.waitFor(() => expect(emulator.eventStats().delivered).toBe(1), {
      timeout: 10_000,
      interval: 5,
    });
    // A busy machine may add a retry before the ack lands; the first two are always these.
    expect(received.slice(0, 2).map((args) => args.retry_num)).toEqual([0, 1]);
    expect(received[1]?.retry_reason).toBe('timeout');
    expect(received[1]?.body.event_id).toBe(received[0]?.body.event_id);
    expect(emulator.eventStats().retries).toBe(received.length - 1);
  });

  it('reconnects after the disconnect refresh warning and keeps receiving', async () => {
    emulator.configure({ socketRefreshMs: 400, socketRefreshWarningMs: 200 });
    const client = socketClient(1_000);
    let connections = 0;
    client.on('connected', () => {
      connections += 1;
    });
    const texts: unknown[] = [];
    client.on('message', async (args: Received) => {
      texts.push(args.body.event.text);
      await args.ack();
    });
    await client.start();
    await vi.waitFor(() => expect(connections).toBeGreaterThanOrEqual(2), {
      timeout: 10_000,
      interval: 10,
    });
    // Connections made from now on live long: wait for one, then post.
    emulator.configure({ socketRefreshMs: 3_600_000 });
    const before = connections;
    await vi.waitFor(() => expect(connections).toBeGreaterThan(before), {
      timeout: 10_000,
      interval: 10,
    });
    await postAsBob(emulator.url, 'after refresh');
    await vi.waitFor(() => expect(texts).toContain('after refresh'), {
      timeout: 10_000,
      interval: 5,
    });
  });

  it('falls back to HTTP once the client has disconnected', async () => {
    const client = socketClient();
    await client.start();
    await client.disconnect();
    await vi.waitFor(() => expect(emulator.eventStats().emitted).toBe(0));
    await postAsBob(emulator.url, 'back to http');
    await vi.waitFor(() => expect(receiver.callbacks()).toHaveLength(1), {
      timeout: 10_000,
      interval: 5,
    });
  });
});
