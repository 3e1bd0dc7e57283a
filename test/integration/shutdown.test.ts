import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestEmulator } from '../helpers/emulator.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let emulator: EmulatorHandle;
let child: ChildProcess;
let graphqlUrl: string;

/** Starts `npm start`'s entry point as a child process and waits for its ready line. */
async function startChild(env: Record<string, string>): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /gateway ready (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output}`)));
  });
}

beforeAll(async () => {
  emulator = await startTestEmulator(undefined, { latencyMs: 2_500 });
  graphqlUrl = await startChild({
    PORT: '0',
    HOST: '127.0.0.1',
    SLACK_API_URL: emulator.url,
    SLACK_TOKEN: SCENARIO_TOKENS.alice,
    SLACK_CACHE: 'off',
    SLACK_GOVERNOR: 'off',
    LOG_LEVEL: 'silent',
    SHUTDOWN_DELAY_MS: '1000',
    SHUTDOWN_GRACE_MS: '10000',
  });
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
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

    const exited = once(child, 'exit');
    child.kill('SIGTERM');

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

    const [code, signal] = await exited;
    expect(signal).toBeNull();
    expect(code).toBe(0);
  }, 60_000);
});
