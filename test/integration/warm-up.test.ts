import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmUp } from '../../src/http/warm-up.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

describe('the start-up warm-up (src/http/warm-up.ts)', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    // The settings under which a warm-up could cost most: a default token and the caches on.
    gw = await startTestGateway({
      gatewayConfig: {
        slack: { defaultToken: SCENARIO_TOKENS.alice },
        cache: { enabled: true },
      },
    });
  });
  afterAll(async () => {
    await gw.close();
  });

  it('runs its operations through the HTTP stack and makes no Slack call', async () => {
    const statuses = await warmUp(gw.url);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('fills no cache: the first real query after it asks Slack', async () => {
    await warmUp(gw.url);
    const result = await gw.graphql<{ conversation: { name: string } }>(
      `query($id: ID!) { conversation(id: $id) { name } }`,
      { id: SCENARIO_IDS.conversations.general },
    );
    expect(result.body).toEqual({ data: { conversation: { name: 'general' } } });
    expect(gw.emulatorCalls().total).toBeGreaterThan(0);
  });
});
