import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigOverrides } from '../../src/config.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import {
  FLEET_CURSOR_SECRET,
  type FleetReplica,
  startTestFleet,
  type TestFleet,
} from '../helpers/fleet.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const C = SCENARIO_IDS.conversations;
const VISIBLE = [C.general, C.random, ...C.extra];
const INFO = 'query Info($id: ID!) { conversation(id: $id) { id name topic { value } } }';
const LIST = 'query List { conversations(first: 3) { edges { node { id name } } } }';
const TOKENS = [SCENARIO_TOKENS.alice, SCENARIO_TOKENS.bob];
/** A rate window short enough for tests; the emulator and every governor use the same one. */
const WINDOW_MS = 400;
const BURST = 300;

/** The i-th query of the burst: mostly lookups, a list in four, two tokens. */
function burstQuery(index: number): {
  query: string;
  variables: Record<string, unknown>;
  token: string;
} {
  const token = TOKENS[index % 2] as string;
  if (index % 4 === 3) return { query: LIST, variables: {}, token };
  return { query: INFO, variables: { id: VISIBLE[index % VISIBLE.length] }, token };
}

const tiers = { rateLimits: true, rateWindowMs: WINDOW_MS };
const paced = {
  governor: { enabled: true, windowMs: WINDOW_MS, maxWaitMs: 30_000 },
  cache: { enabled: true },
  cursorSecret: FLEET_CURSOR_SECRET,
} satisfies ConfigOverrides;

describe('a burst spread over three replicas against an emulator enforcing tiers', () => {
  let fleet: TestFleet | undefined;
  let single: TestGateway | undefined;
  afterEach(async () => {
    await fleet?.close();
    await single?.close();
    fleet = undefined;
    single = undefined;
  });

  /**
   * The burst through one gateway, then spread over three replicas: every answer must be free
   * of errors, at most one 429 per bucket, and the fleet's Slack calls within 1.05x of one's.
   */
  const compare = async (label: string, gatewayConfig: ConfigOverrides): Promise<void> => {
    single = await startTestGateway({ emulatorConfig: tiers, gatewayConfig });
    const gateway = single;
    const alone = await Promise.all(
      Array.from({ length: BURST }, (_, index) => {
        const { query, variables, token } = burstQuery(index);
        return gateway.graphql(query, variables, { token });
      }),
    );
    for (const answer of alone) expect(answer.body.errors).toBeUndefined();
    const singleCalls = single.emulatorCalls().total;

    fleet = await startTestFleet({ replicas: 3, emulatorConfig: tiers, gatewayConfig });
    const replicas = fleet.replicas;
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, index) => {
        const { query, variables, token } = burstQuery(index);
        return (replicas[index % replicas.length] as FleetReplica).graphql(query, variables, token);
      }),
    );
    let errors = 0;
    for (const { status, body } of answers)
      if (status !== 200 || body.errors !== undefined) errors += 1;
    const fleetCalls = fleet.emulator.stats();
    const rateLimited = await fleet.metric('slack_rate_limited_total');
    const shared = await fleet.metric('cache_inflight_shared_total');
    console.log(
      `${label} burst of ${BURST}: one replica ${singleCalls} Slack calls; three replicas ${fleetCalls.total} (${JSON.stringify(fleetCalls.calls)}), ${rateLimited} 429s, ${shared} joined in flight`,
    );
    expect(errors).toBe(0);
    expect(rateLimited).toBeLessThanOrEqual(Object.keys(fleetCalls.calls).length);
    expect(fleetCalls.total).toBeLessThanOrEqual(Math.ceil(singleCalls * 1.05));
  };

  it('costs what one replica costs with the cache on: calls in flight and answers shared across replicas', async () => {
    await compare('cached', paced);
  });

  it('spends one tier budget for the fleet with the cache off', async () => {
    await compare('uncached', { ...paced, cache: { enabled: false } });
  });
});
