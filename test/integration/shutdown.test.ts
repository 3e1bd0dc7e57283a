import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { type GatewayProcess, startGatewayProcess } from '../helpers/gateway-process.js';

let emulator: EmulatorHandle;
let gateway: GatewayProcess;
let graphqlUrl: string;

beforeAll(async () => {
  emulator = await startTestEmulator(undefined, { latencyMs: 2_500 });
  gateway = await startGatewayProcess({
    PORT: '0',
    HOST: '127.0.0.1',
    SLACK_API_URL: emulator.url,
    SLACK_TOKEN: SCENARIO_TOKENS.alice,
    SLACK_CACHE: 'off',
    SLACK_GOVERNOR: 'off',
    EXPOSE_SLACK_COST: 'off',
    LOG_LEVEL: 'silent',
    SHUTDOWN_DELAY_MS: '1000',
    SHUTDOWN_GRACE_MS: '10000',
  });
  graphqlUrl = gateway.url;
}, 60_000);

afterAll(async () => {
  await gateway.stop('SIGKILL');
  await emulator.close();
});

describe('graceful shutdown on SIGTERM', () => {
  it('reports not ready, finishes the request in flight and exits with code 0', async () => {
    const origin = new URL(graphqlUrl).origin;
    expect((await fetch(`${origin}/readyz`)).status).toBe(200);

    const slow = fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ conversation(id: "${SCENARIO_IDS.conversations.general}") { id name } }`,
      }),
    });
    // The request is in flight once the (slow) emulator has received its Slack call.
    while (emulator.stats().total === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    const exited = gateway.stop('SIGTERM');

    let readiness = 200;
    for (let attempt = 0; attempt < 500 && readiness === 200; attempt++) {
      readiness = (await fetch(`${origin}/readyz`)).status;
    }
    expect(readiness).toBe(503);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);

    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { conversation: { id: SCENARIO_IDS.conversations.general, name: 'general' } },
    });

    expect(await exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
