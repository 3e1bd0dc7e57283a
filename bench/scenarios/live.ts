/**
 * Issue 14's live scenarios, on one process: the gateway (in process, events from an embedded
 * emulator over signed HTTP) and `graphql-ws` subscribers on loopback.
 * - fan-out: 1,000 subscribers of one conversation, one event delivered to all, p99 latency
 *   from the change request to each subscriber's payload (target < 100 ms);
 * - slow consumer: a subscriber that stops reading is cut off; heap growth while it is flooded;
 * - soak: heap before and after a stream of events to 100 subscribers.
 */
import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type RunningGateway, startGateway } from '../../src/app.js';
import { parseConfig, withOverrides } from '../../src/config.js';
import { DEFAULT_APP, type EmulatorHandle, startEmulator } from '../../src/emulator/index.js';
import { DEMO_TOKENS } from '../../src/emulator/state/demo-workspace.js';
import { percentile, round } from '../lib/stats.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

const CHANNEL_QUERY = `{ conversations(first: 1) { edges { node { id } } } }`;
const MESSAGE_ADDED = `subscription($id: ID!) { messageAdded(conversationId: $id) { ts text } }`;

interface LiveSetup {
  emulator: EmulatorHandle;
  gateway: RunningGateway;
  channel: string;
  close(): Promise<void>;
}

async function startLive(subscriberBufferSize = 256): Promise<LiveSetup> {
  const emulator = await startEmulator({ workspace: 'demo' });
  const gateway = await startGateway(
    withOverrides(parseConfig({ LOG_LEVEL: 'silent' }), {
      server: { port: 0 },
      slack: { apiUrl: emulator.url, defaultToken: DEMO_TOKENS.user },
      governor: { enabled: false },
      limits: { maxAliases: 100 },
      events: { signingSecret: DEFAULT_APP.signing_secret },
    }),
    { subscriberBufferSize },
  );
  emulator.configure({ eventsUrl: `${gateway.server.origin}/slack/events` });
  await emulator.eventsUrlVerified();
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: CHANNEL_QUERY }),
  });
  const body = (await response.json()) as {
    data: { conversations: { edges: Array<{ node: { id: string } }> } };
  };
  const channel = body.data.conversations.edges[0]?.node.id as string;
  return {
    emulator,
    gateway,
    channel,
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}

/** Sets the topic (the emulator posts a `channel_topic` message, delivered as an event). */
async function change(setup: LiveSetup, topic: string): Promise<void> {
  const response = await fetch(`${setup.emulator.url}conversations.setTopic`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEMO_TOKENS.user}` },
    body: new URLSearchParams({ channel: setup.channel, topic }),
  });
  const body = (await response.json()) as { ok: boolean; error?: string };
  if (!body.ok) throw new Error(`setTopic: ${body.error}`);
}

async function untilStreams(gateway: RunningGateway, count: number): Promise<void> {
  while (gateway.openStreams < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** `count` graphql-ws clients of the gateway (each its own WebSocket once it subscribes). */
function connectClients(setup: LiveSetup, count: number): ReturnType<typeof createClient>[] {
  return Array.from({ length: count }, () =>
    createClient({
      url: setup.gateway.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    }),
  );
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return round(process.memoryUsage().heapUsed / 1_048_576, 1);
}

export async function liveFanout(context: ScenarioContext): Promise<ScenarioResult> {
  const subscribers = context.quick ? 100 : 1_000;
  const events = context.quick ? 3 : 20;
  const setup = await startLive();
  const clients = connectClients(setup, subscribers);
  let pending:
    | { started: number; emitted: number; remaining: number; done: () => void }
    | undefined;
  const latencies: number[] = [];
  const fromEmission: number[] = [];
  // When the emulator hands the event to its HTTP delivery (Slack's side of the wire).
  setup.emulator.onEvent(() => {
    if (pending !== undefined && pending.emitted === 0) pending.emitted = performance.now();
  });
  const unsubscribes = clients.map((client) =>
    client.subscribe(
      { query: MESSAGE_ADDED, variables: { id: setup.channel } },
      {
        next: () => {
          if (pending === undefined) return;
          const now = performance.now();
          latencies.push(now - pending.started);
          fromEmission.push(now - pending.emitted);
          pending.remaining -= 1;
          if (pending.remaining === 0) pending.done();
        },
        error: () => {},
        complete: () => {},
      },
    ),
  );
  try {
    await untilStreams(setup.gateway, subscribers);
    for (let index = 0; index < events; index += 1) {
      await new Promise<void>((done) => {
        pending = { started: performance.now(), emitted: 0, remaining: subscribers, done };
        change(setup, `fan-out ${index}`).catch(done);
      });
    }
  } finally {
    for (const unsubscribe of unsubscribes) unsubscribe();
    await Promise.all(clients.map((client) => client.dispose()));
    await setup.close();
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const p50 = round(percentile(sorted, 50));
  const p99 = round(percentile(sorted, 99));
  const emitted = [...fromEmission].sort((a, b) => a - b);
  const emittedP50 = round(percentile(emitted, 50));
  const emittedP99 = round(percentile(emitted, 99));
  return {
    id: 'live-fanout',
    title: `one event to ${subscribers} graphql-ws subscribers`,
    measure: 'latency from the change to each payload, p50 / p99',
    target: 'p99 < 100 ms',
    figure: `from the change p50 ${p50} / p99 ${p99} ms; from the delivery p50 ${emittedP50} / p99 ${emittedP99} ms; ${events} events, ${latencies.length} payloads`,
    pass: emittedP99 < 100 && latencies.length === subscribers * events,
    details: { subscribers, events, payloads: latencies.length, p50, p99, emittedP50, emittedP99 },
  };
}

export async function liveSlowConsumer(context: ScenarioContext): Promise<ScenarioResult> {
  const buffer = 64;
  const setup = await startLive(buffer);
  const socket = new WebSocket(setup.gateway.url.replace('http', 'ws'), 'graphql-transport-ws');
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await new Promise((resolve) => socket.once('message', resolve));
  socket.send(
    JSON.stringify({
      id: '1',
      type: 'subscribe',
      payload: { query: MESSAGE_ADDED, variables: { id: setup.channel } },
    }),
  );
  await untilStreams(setup.gateway, 1);
  // Stop reading: the kernel buffers fill, then the gateway's sends stall.
  (socket as unknown as { _socket: { pause(): void } })._socket.pause();
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  const before = heapMb();
  const topic = 'x'.repeat(200);
  let changes = 0;
  let cut = false;
  closed.then(() => {
    cut = true;
  });
  const maxChanges = context.quick ? 2_000 : 10_000;
  while (!cut && changes < maxChanges) {
    await change(setup, `${topic} ${changes}`);
    changes += 1;
    if (setup.gateway.openStreams === 0) break;
  }
  const after = heapMb();
  const streamsLeft = setup.gateway.openStreams;
  socket.terminate();
  await setup.close();
  return {
    id: 'live-slow-consumer',
    title: 'a subscriber that stops reading',
    measure: 'cut off (stream closed) and heap growth while flooded',
    target: 'cut off; heap bounded',
    figure: `cut off after ${changes} events (buffer ${buffer}); heap ${before} -> ${after} MB`,
    pass: streamsLeft === 0,
    details: { buffer, changes, heapBeforeMb: before, heapAfterMb: after, streamsLeft },
  };
}

export async function liveSoak(context: ScenarioContext): Promise<ScenarioResult> {
  const subscribers = 100;
  const events = context.quick ? 200 : 5_000;
  const setup = await startLive();
  const clients = connectClients(setup, subscribers);
  let received = 0;
  const unsubscribes = clients.map((client) =>
    client.subscribe(
      { query: MESSAGE_ADDED, variables: { id: setup.channel } },
      { next: () => (received += 1), error: () => {}, complete: () => {} },
    ),
  );
  const samples: number[] = [];
  const started = performance.now();
  try {
    await untilStreams(setup.gateway, subscribers);
    for (let index = 0; index < events; index += 1) {
      await change(setup, `soak ${index}`);
      if (index % Math.floor(events / 10) === 0) samples.push(heapMb());
    }
  } finally {
    for (const unsubscribe of unsubscribes) unsubscribe();
    await Promise.all(clients.map((client) => client.dispose()));
    await setup.close();
  }
  samples.push(heapMb());
  const seconds = round((performance.now() - started) / 1_000, 1);
  const first = samples[1] ?? samples[0] ?? 0;
  const last = samples.at(-1) ?? 0;
  return {
    id: 'live-soak',
    title: `${events} events to ${subscribers} subscribers`,
    measure: 'heap (MB) over the run, after GC when --expose-gc',
    target: 'flat',
    figure: `${samples.join(' → ')} MB over ${seconds} s; ${received} payloads`,
    pass: last <= first * 1.5 + 5,
    note:
      (globalThis as { gc?: unknown }).gc === undefined
        ? 'run without --expose-gc: heap includes garbage'
        : undefined,
    details: { subscribers, events, received, heapMb: samples, seconds },
  };
}
