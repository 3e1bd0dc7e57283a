import { afterEach, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import {
  freePort,
  type RedisServerProcess,
  startRedisServer,
} from '../../src/fleet/redis-server.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestEmulator } from '../helpers/emulator.js';
import {
  FLEET_CURSOR_SECRET,
  type FleetReplica,
  startTestFleet,
  type TestFleet,
  until,
} from '../helpers/fleet.js';
import type { TestGateway } from '../helpers/gateway.js';
import { emulatorConversations } from '../helpers/mutations.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const C = SCENARIO_IDS.conversations;
const CHANNELS = [C.general, C.random, ...C.extra];
const VIEW = `query View($id: ID!) {
  conversation(id: $id) { id name topic { value } members(first: 5) { edges { node { id } } } }
}`;
const LIST =
  'query List { conversations(first: 100) { edges { node { id name topic { value } } } } }';
const TOPIC = 'query Topic($id: ID!) { conversation(id: $id) { topic { value } } }';
const SET_TOPIC = `mutation SetTopic($id: ID!, $topic: String!) {
  setConversationTopic(input: { id: $id, topic: $topic }) { __typename }
}`;
const CREATE = `mutation Create($name: String!) {
  createConversation(input: { name: $name }) { __typename ... on CreateConversationPayload { conversation { id } } }
}`;

const allShared = (fleet: TestFleet) => async (): Promise<boolean> => {
  for (const replica of fleet.replicas)
    if ((await replica.metric('shared_state_up')) !== 1) return false;
  return true;
};

describe('a fleet when Redis fails', () => {
  let fleet: TestFleet | undefined;
  afterEach(async () => {
    await fleet?.close();
    fleet = undefined;
  });

  it('keeps serving through Redis killed and restarted empty: no 5xx, no error, no lost or doubled write, shared state back', async () => {
    fleet = await startTestFleet({ replicas: 3, gatewayConfig: { governor: { enabled: false } } });
    const replicas = fleet.replicas;
    const created: string[] = [];
    let failures = 0;
    let answers = 0;
    const rounds = 12;
    for (let round = 0; round < rounds; round++) {
      if (round === 4) await fleet.redis.kill();
      if (round === 8) await fleet.redis.restart();
      const name = `outage-${round}`;
      const replica = replicas[round % replicas.length] as FleetReplica;
      const work = [
        replica.graphql(CREATE, { name }),
        ...Array.from({ length: 30 }, (_, index) => {
          const reader = replicas[index % replicas.length] as FleetReplica;
          const token = index % 2 === 0 ? SCENARIO_TOKENS.alice : SCENARIO_TOKENS.bob;
          return index % 5 === 0
            ? reader.graphql(LIST, {}, token)
            : reader.graphql(VIEW, { id: CHANNELS[index % CHANNELS.length] }, token);
        }),
      ];
      for (const { status, body } of await Promise.all(work)) {
        answers += 1;
        if (status !== 200 || body.errors !== undefined) failures += 1;
      }
      created.push(name);
      if (round === 5) {
        // Mid-outage: every replica says so.
        expect(await fleet.metric('shared_state_up')).toBe(0);
      }
    }
    expect(answers).toBe(rounds * 31);
    expect(failures).toBe(0);
    // Every write happened exactly once.
    const names = (await emulatorConversations({ emulator: fleet.emulator } as TestGateway)).map(
      (conversation) => conversation.name,
    );
    for (const name of created) expect(names.filter((n) => n === name)).toHaveLength(1);
    // Shared again: an answer warmed through one replica serves the others from Redis.
    await until(allShared(fleet), 'every replica shares state again');
    expect(
      await fleet.metric('shared_state_changes_total', { state: 'local' }),
    ).toBeGreaterThanOrEqual(3);
    await replicas[0]?.graphql(TOPIC, { id: C.extra[5] });
    fleet.emulator.resetStats();
    for (const replica of replicas.slice(1)) {
      const { body } = await replica.graphql(TOPIC, { id: C.extra[5] });
      expect(body.errors).toBeUndefined();
    }
    expect(fleet.emulator.stats().total).toBe(0);
  });

  it('never serves, once back, what a write made stale while its replica could not reach Redis', async () => {
    // A reaches Redis through a proxy the test cuts: a partition, while Redis keeps its data.
    let proxy: TcpProxy | undefined;
    fleet = await startTestFleet({
      replicas: 3,
      gatewayConfig: { governor: { enabled: false } },
      redisUrlOf: async (index, redis) => {
        if (index !== 0) return redis.url;
        proxy = await startTcpProxy(redis.port);
        return `redis://127.0.0.1:${proxy.port}`;
      },
    });
    const partition = proxy as unknown as TcpProxy;
    const [a, b, c] = fleet.replicas as [FleetReplica, FleetReplica, FleetReplica];
    try {
      // B's answer is in Redis before the partition.
      await b.graphql(TOPIC, { id: C.general });
      partition.cut();
      await until(async () => (await a.metric('shared_state_up')) === 0, 'A is partitioned');
      const write = await a.graphql(SET_TOPIC, {
        id: C.general,
        topic: 'Written during the outage',
      });
      expect(write.body.errors).toBeUndefined();
      partition.heal();
      await until(allShared(fleet), 'every replica shares state again');
      const reads = await Promise.all(
        [b, c].map((replica) => replica.graphql(TOPIC, { id: C.general })),
      );
      for (const { body } of reads) {
        expect(body).toEqual({
          data: { conversation: { topic: { value: 'Written during the outage' } } },
        });
      }
    } finally {
      await proxy?.close();
    }
  });

  it('starts and serves when Redis is unreachable at start, and joins the fleet once it answers', async () => {
    const emulator = await startTestEmulator();
    const port = await freePort();
    let gateway: RunningGateway | undefined;
    let redis: RedisServerProcess | undefined;
    try {
      gateway = await startGateway(
        parseConfig({
          LOG_LEVEL: 'silent',
          SLACK_API_URL: emulator.url,
          REDIS_URL: `redis://127.0.0.1:${port}`,
          CURSOR_SECRET: FLEET_CURSOR_SECRET,
          PORT: '0',
        }),
      );
      const up = async () =>
        (await gateway?.metrics.registry.getSingleMetric('shared_state_up')?.get())?.values[0]
          ?.value;
      expect(await up()).toBe(0);
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${SCENARIO_TOKENS.alice}`,
        },
        body: JSON.stringify({ query: TOPIC, variables: { id: C.general } }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      redis = await startRedisServer(port);
      await until(async () => (await up()) === 1, 'the replica shares state');
    } finally {
      await gateway?.close();
      await redis?.stop();
      await emulator.close();
    }
  });
});
