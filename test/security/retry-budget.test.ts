import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/** Issue 13, item 8: every attempt Slack sees, retries included, is spent from the budget. */

const BUDGET = 3;
const MAX_RETRIES = 8;
const QUERY = 'query($id: ID!) { conversation(id: $id) { id name } }';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    gatewayConfig: { slack: { maxRetries: MAX_RETRIES }, limits: { slackCallBudget: BUDGET } },
  });
});
afterAll(() => gw.close());

describe('retries of a failing read', () => {
  it('stop when the operation has spent its Slack-call budget', async () => {
    gw.emulator.configure({
      faults: [{ method: 'conversations.info', kind: 'http_500', rate: 1 }],
    });
    gw.resetEmulatorCalls();
    const { body } = await gw.graphql(QUERY, { id: SCENARIO_IDS.conversations.general });
    expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    // One call estimated and 1 + MAX_RETRIES attempts allowed: the call is retried (Slack sees
    // more than one attempt) until the budget is spent, then stops.
    expect(gw.emulatorCalls().calls['conversations.info']).toBe(BUDGET);
  });
});
