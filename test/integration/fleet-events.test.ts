import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveApp } from '../../src/emulator/state/default-app.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { slackCall } from '../helpers/emulator.js';
import { type FleetReplica, startTestFleet, type TestFleet, until } from '../helpers/fleet.js';
import type { GraphQLBody } from '../helpers/gateway.js';
import {
  type Subscription,
  subscribeOverSse,
  subscribeOverWebSocket,
  untilStreams,
} from '../helpers/subscription-clients.js';

const { general } = SCENARIO_IDS.conversations;
const MESSAGE_ADDED = `subscription($id: ID!) {
  messageAdded(conversationId: $id) { text subtype conversation { id topic { value } } }
}`;
const TOPIC = 'query Topic($id: ID!) { conversation(id: $id) { topic { value } } }';

/**
 * A load balancer in front of the fleet's Request URL, as Slack sees one URL: it sends each
 * delivery to the replica `route` picks (with Slack's headers and the raw body, so the
 * signature still holds) and answers Slack with that replica's status, or with a 500 when
 * `loseAck` says the acknowledgement is lost on the way back (Slack then retries).
 */
interface Balancer {
  readonly url: string;
  route: (headers: IncomingHttpHeaders) => FleetReplica;
  loseAck: (headers: IncomingHttpHeaders) => boolean;
  close(): Promise<void>;
}

async function startBalancer(fallback: FleetReplica): Promise<Balancer> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && (name.startsWith('x-slack-') || name === 'content-type'))
          headers[name] = value;
      }
      const replica = balancer.route(request.headers);
      const forwarded = await fetch(`${replica.gateway.server.origin}/slack/events`, {
        method: 'POST',
        headers,
        body: Buffer.concat(chunks),
      });
      const text = await forwarded.text();
      if (balancer.loseAck(request.headers)) {
        response.writeHead(500).end();
        return;
      }
      response.writeHead(forwarded.status, { 'content-type': 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const balancer: Balancer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    route: () => fallback,
    loseAck: () => false,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return balancer;
}

const isRetry = (headers: IncomingHttpHeaders): boolean =>
  headers['x-slack-retry-num'] !== undefined;

/** Bob posts through Slack itself (not the gateway); Slack then delivers the event. */
async function slackAction(fleet: TestFleet, method: string, args: Record<string, string>) {
  const { body } = await slackCall(fleet.emulator.url, method, args, {
    token: SCENARIO_TOKENS.bob,
  });
  expect(body, JSON.stringify(body)).toMatchObject({ ok: true });
}

function messageOf(body: GraphQLBody): unknown {
  expect(body.errors).toBeUndefined();
  return (body.data as { messageAdded: unknown }).messageAdded;
}

describe('Slack events across a fleet', () => {
  let fleet: TestFleet | undefined;
  let balancer: Balancer | undefined;
  const open: Subscription[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((subscription) => subscription.close()));
    await balancer?.close();
    balancer = undefined;
    await fleet?.close();
    fleet = undefined;
  });

  /** A fleet taking Slack's signed deliveries through `balancer`, and one subscriber per replica. */
  async function startEventFleet(): Promise<{
    fleet: TestFleet;
    balancer: Balancer;
    subscribers: Subscription[];
  }> {
    fleet = await startTestFleet({
      replicas: 3,
      gatewayConfig: { events: { signingSecret: resolveApp(undefined).signing_secret } },
    });
    const [a] = fleet.replicas as [FleetReplica];
    balancer = await startBalancer(a);
    fleet.emulator.configure({ eventsUrl: balancer.url });
    expect(await fleet.emulator.eventsUrlVerified()).toBe(true);
    const subscribers = fleet.replicas.map((replica, index) => {
      const subscribe = index === 2 ? subscribeOverSse : subscribeOverWebSocket;
      const subscription = subscribe(replica.url, SCENARIO_TOKENS.alice, MESSAGE_ADDED, {
        id: general,
      });
      open.push(subscription);
      return subscription;
    });
    for (const replica of fleet.replicas) await untilStreams(replica.gateway, 1);
    for (const replica of fleet.replicas) {
      await until(
        async () => (await replica.metric('fleet_events_listening')) === 1,
        'every replica listens to the fleet',
      );
    }
    return { fleet, balancer, subscribers };
  }

  it('a delivery taken by A reaches subscribers on A, B and C once, fresh; its retry to B is not acted on again', async () => {
    const { fleet, balancer, subscribers } = await startEventFleet();
    const [a, b, c] = fleet.replicas as [FleetReplica, FleetReplica, FleetReplica];
    // A takes the first attempt, but its acknowledgement is lost: Slack retries, and the
    // balancer sends the retry to B.
    balancer.route = (headers) => (isRetry(headers) ? b : a);
    balancer.loseAck = (headers) => !isRetry(headers);
    // The old topic is cached (in Redis): the event must drop it before anyone hears of it.
    await c.graphql(TOPIC, { id: general });
    await slackAction(fleet, 'conversations.setTopic', {
      channel: general,
      topic: 'Set once, heard everywhere',
    });

    for (const subscriber of subscribers) {
      expect(messageOf(await subscriber.next())).toEqual({
        text: expect.any(String),
        subtype: 'channel_topic',
        conversation: { id: general, topic: { value: 'Set once, heard everywhere' } },
      });
    }
    await until(
      async () => fleet.emulator.eventStats().delivered === 1,
      'the retry to B was acknowledged',
    );
    expect(await b.metric('slack_events_total', { outcome: 'duplicate' })).toBe(1);
    expect(await fleet.metric('slack_events_total', { outcome: 'accepted' })).toBe(1);
    expect(await a.metric('fleet_events_total', { direction: 'published' })).toBe(1);
    expect(await fleet.metric('fleet_events_total', { direction: 'received' })).toBe(2);
    expect(fleet.emulator.eventStats()).toMatchObject({ retries: 1, delivered: 1 });

    // The next payload every subscriber gets is the next event: the retry added none.
    balancer.loseAck = () => false;
    await slackAction(fleet, 'conversations.setTopic', { channel: general, topic: 'Second' });
    for (const subscriber of subscribers) {
      expect(messageOf(await subscriber.next())).toMatchObject({
        conversation: { topic: { value: 'Second' } },
      });
    }
    expect(await fleet.metric('slack_events_total', { outcome: 'accepted' })).toBe(2);
    expect(await fleet.metric('fleet_events_total', { direction: 'received' })).toBe(4);
  });

  it('with Redis down, a replica still takes deliveries and its subscribers hear them, with no unhandled rejection; the fleet stream is back with Redis', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const { fleet, subscribers } = await startEventFleet();
      const [a, b] = fleet.replicas as [FleetReplica, FleetReplica];
      const [onA, onB] = subscribers as [Subscription, Subscription];
      await fleet.redis.kill();
      await until(
        async () => (await fleet.metric('shared_state_up')) === 0,
        'every replica runs on local state',
      );
      // A's local cache holds the old topic; the event must drop it there.
      await a.graphql(TOPIC, { id: general });
      await slackAction(fleet, 'conversations.setTopic', {
        channel: general,
        topic: 'Set during the outage',
      });
      expect(messageOf(await onA.next())).toMatchObject({
        subtype: 'channel_topic',
        conversation: { topic: { value: 'Set during the outage' } },
      });
      expect(await a.metric('slack_events_total', { outcome: 'accepted' })).toBe(1);
      expect(await a.metric('fleet_events_total', { direction: 'local_only' })).toBe(1);
      expect(await a.metric('fleet_events_listening')).toBe(0);
      const read = await a.graphql(TOPIC, { id: general });
      expect(read.body).toEqual({
        data: { conversation: { topic: { value: 'Set during the outage' } } },
      });

      await fleet.redis.restart();
      for (const replica of fleet.replicas) {
        await until(
          async () =>
            (await replica.metric('shared_state_up')) === 1 &&
            (await replica.metric('fleet_events_listening')) === 1,
          'every replica shares state and listens again',
        );
      }
      await slackAction(fleet, 'conversations.setTopic', {
        channel: general,
        topic: 'After the outage',
      });
      // B never heard the outage's event (it went to A's subscribers only): its next is this one.
      const after = { conversation: { topic: { value: 'After the outage' } } };
      expect(messageOf(await onB.next())).toMatchObject(after);
      expect(messageOf(await onA.next())).toMatchObject(after);
      expect(await b.metric('fleet_events_total', { direction: 'received' })).toBe(1);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
