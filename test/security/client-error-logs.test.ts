import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { type GatewayProcess, startGatewayProcess } from '../helpers/gateway-process.js';

/** Issue 13, item 8: Slack refusing a client's token is a warn line, not an error with a stack. */

const BAD_TOKENS = [1, 2, 3].map((n) => `xoxp-0000000000-bad-token-for-the-log-flood-${n}`);
const REQUESTS_PER_TOKEN = 20;

let emulator: EmulatorHandle;
let gateway: GatewayProcess;

beforeAll(async () => {
  emulator = await startTestEmulator();
  gateway = await startGatewayProcess({
    PORT: '0',
    SLACK_API_URL: emulator.url,
    LOG_LEVEL: 'debug',
  });
}, 60_000);

afterAll(async () => {
  await gateway.stop('SIGKILL');
  await emulator.close();
});

describe('requests with a bad token', () => {
  it('write at most one warn line per token hash, and no error line or stack', async () => {
    for (let i = 0; i < REQUESTS_PER_TOKEN; i += 1) {
      for (const token of BAD_TOKENS) {
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: '{ viewer { user { id } } conversations(first: 2) { edges { node { id } } } }',
          }),
        });
        const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_AUTH');
      }
    }
    const { code } = await gateway.stop('SIGTERM');
    expect(code).toBe(0);

    const lines = gateway.logLines();
    expect(lines.filter((line) => line.level === 50)).toEqual([]);
    expect(lines.filter((line) => JSON.stringify(line).includes('"stack"'))).toEqual([]);
    const refusals = lines.filter((line) => line.level === 40 && line.tokenHash !== undefined);
    for (const token of BAD_TOKENS) {
      const hash = createHash('sha256').update(token).digest('hex').slice(0, 16);
      // One line per token: the rest of its 20 requests fall in the same quiet window.
      expect(refusals.filter((line) => line.tokenHash === hash)).toHaveLength(1);
    }
    for (const token of BAD_TOKENS) expect(gateway.output()).not.toContain(token);
  }, 120_000);
});
