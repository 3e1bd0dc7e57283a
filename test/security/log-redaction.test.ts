import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { type GatewayProcess, startGatewayProcess } from '../helpers/gateway-process.js';

const UNKNOWN_TOKEN = 'xoxp-0000000000-unknown-token-for-the-log-test';
const TOKENS = [...Object.values(SCENARIO_TOKENS), UNKNOWN_TOKEN];

let emulator: EmulatorHandle;
let gateway: GatewayProcess;

beforeAll(async () => {
  // Faults make the client retry and fail, so the error and retry paths write logs too.
  emulator = await startTestEmulator(undefined, {
    faults: [
      { method: 'conversations.info', kind: 'http_500', rate: 0.5 },
      { method: 'conversations.members', kind: 'malformed_json', rate: 1 },
    ],
    seed: 7,
  });
  gateway = await startGatewayProcess({
    PORT: '0',
    SLACK_API_URL: emulator.url,
    SLACK_TOKEN: SCENARIO_TOKENS.alice,
    LOG_LEVEL: 'debug',
  });
}, 60_000);

afterAll(async () => {
  await gateway.stop('SIGKILL');
  await emulator.close();
});

async function post(query: string, token: string): Promise<void> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables: { token } }),
  });
  await response.text();
}

describe('logs at debug level', () => {
  it('never contain a Slack token, whatever the outcome of the request', async () => {
    const { general, secret } = SCENARIO_IDS.conversations;
    const queries = [
      `{ viewer { user { id name } } conversations(first: 3) { edges { node { id name } } } }`,
      `{ conversation(id: "${general}") { id members(first: 2) { edges { node { id } } } } }`,
      `{ conversation(id: "${secret}") { id name } }`,
      `query Echo($token: String) { __typename }`,
      `mutation { createConversation(input: { name: "Not A Valid Name!" }) { __typename } }`,
      '{ this is not graphql',
    ];
    for (const token of TOKENS) for (const query of queries) await post(query, token);
    const { code } = await gateway.stop('SIGTERM');
    expect(code).toBe(0);

    const lines = gateway
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    // The test only means something if the gateway did log the requests and their failures.
    expect(lines.length).toBeGreaterThan(TOKENS.length * queries.length);
    expect(lines.some((line) => /"level":(40|50)/.test(line))).toBe(true);
    for (const token of TOKENS) expect(gateway.output()).not.toContain(token);
  }, 120_000);
});
