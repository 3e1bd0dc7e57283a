import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RedisServerProcess, startRedisServer } from '../../src/fleet/redis-server.js';
import {
  connectSharedState,
  type SharedStateConnection,
} from '../../src/shared-state/redis-connection.js';
import { SlackRateLimitedError } from '../../src/slack/errors.js';
import type { Permit } from '../../src/slack/governor/bucket.js';
import type { Governor } from '../../src/slack/governor/governor.js';
import { createRateTable } from '../../src/slack/governor/rate-table.js';
import { createRedisGovernor } from '../../src/slack/governor/redis-governor.js';
import { SlackToken } from '../../src/slack/slack-token.js';

const METHOD = 'conversations.info';

/** Two replicas' governors over one Redis; every token is in workspace T1. */
async function twoReplicas(
  redis: RedisServerProcess,
  calls: number,
  windowMs: number,
  maxWaitMs: number,
) {
  const connections: SharedStateConnection[] = [];
  const governors: Governor[] = [];
  for (let index = 0; index < 2; index++) {
    const connection = await connectSharedState({ redisUrl: redis.url, keyPrefix: 'gov-test:' });
    connections.push(connection);
    governors.push(
      createRedisGovernor({
        connection,
        limits: createRateTable({ windowMs, overrides: { [METHOD]: calls } }),
        workspaces: { resolve: () => Promise.resolve('T1') },
        maxWaitMs,
        leaseMs: 5_000,
      }),
    );
  }
  return { connections, governors };
}

/** Settles every admission: the permits granted and the RATE_LIMITED refusals. */
async function admitAll(governors: Governor[], count: number) {
  const outcomes = await Promise.allSettled(
    Array.from({ length: count }, (_, index) =>
      (governors[index % governors.length] as Governor).admit(
        METHOD,
        new SlackToken(`xoxp-${index}`),
      ),
    ),
  );
  const permits = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
  return { permits, refusals };
}

describe('the governor on Redis (two replicas, one budget)', () => {
  let redis: RedisServerProcess;
  let connections: SharedStateConnection[] = [];
  beforeEach(async () => {
    redis = await startRedisServer();
  });
  afterEach(async () => {
    for (const connection of connections) await connection.close();
    connections = [];
    await redis.stop();
  });

  it('grants one budget across replicas and refuses what would wait past the deadline', async () => {
    const fleet = await twoReplicas(redis, 3, 60_000, 100);
    connections = fleet.connections;
    const { permits, refusals } = await admitAll(fleet.governors, 8);
    expect(permits).toHaveLength(3);
    expect(refusals).toHaveLength(5);
    for (const refusal of refusals) expect(refusal).toBeInstanceOf(SlackRateLimitedError);
    for (const permit of permits) permit.release();
  });

  it('queues instead of failing while the wait is within the deadline: every call goes, in budget-sized rounds', async () => {
    const fleet = await twoReplicas(redis, 2, 200, 60_000);
    connections = fleet.connections;
    let outstanding = 0;
    let most = 0;
    const granted = await Promise.all(
      Array.from({ length: 8 }, async (_, index) => {
        const governor = fleet.governors[index % 2] as Governor;
        const permit = await governor.admit(METHOD, new SlackToken(`xoxp-${index}`));
        outstanding += 1;
        most = Math.max(most, outstanding);
        await Promise.resolve();
        outstanding -= 1;
        permit.release();
        return permit;
      }),
    );
    expect(granted).toHaveLength(8);
    // Never more than the budget at once, across both replicas.
    expect(most).toBeLessThanOrEqual(2);
  });

  it('pauses the bucket on every replica for the Retry-After of a 429 seen by one', async () => {
    const fleet = await twoReplicas(redis, 10, 60_000, 5_000);
    connections = fleet.connections;
    const [a, b] = fleet.governors as [Governor, Governor];
    const permit: Permit = await a.admit(METHOD, new SlackToken('xoxp-a'));
    permit.rateLimited(30_000);
    // The settle is fire-and-forget: wait until Redis holds the pause.
    for (let attempt = 0; attempt < 100; attempt++) {
      if (((await fleet.connections[1]?.redis.pttl(`gov:team:T1:${METHOD}:pause`)) ?? 0) > 0) break;
    }
    const refused = await b
      .admit(METHOD, new SlackToken('xoxp-b'))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SlackRateLimitedError);
    expect((refused as SlackRateLimitedError).retryAfter).toBeGreaterThanOrEqual(25);
  });

  it("falls back to this replica's share of the budget while Redis is down", async () => {
    const fleet = await twoReplicas(redis, 4, 60_000, 100);
    connections = fleet.connections;
    // Both replicas have counted each other before the outage.
    for (
      let attempt = 0;
      attempt < 200 && fleet.connections.some((c) => c.replicas < 2);
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(fleet.connections.map((c) => c.replicas)).toEqual([2, 2]);
    await redis.kill();
    const { permits, refusals } = await admitAll([fleet.governors[0] as Governor], 4);
    // 4 per window for the fleet, 2 replicas: 2 here.
    expect(permits).toHaveLength(2);
    expect(refusals).toHaveLength(2);
  });
});
