import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readyUrlOf } from '../helpers/gateway-process.js';

/**
 * A container runtime stops `npm start` with SIGTERM to the process it started: npm. Whatever
 * `npm start` runs must then stop too, freeing the port and leaving no process behind (before,
 * `sh -c` died and left the gateway listening as an orphan).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** Process IDs left in process group `group` (pgrep exits 1 when there are none). */
async function processesIn(group: number): Promise<string[]> {
  try {
    const { stdout } = await run('pgrep', ['-g', String(group)]);
    return stdout.split('\n').filter((line) => line !== '');
  } catch {
    return [];
  }
}

const groups: number[] = [];
afterAll(async () => {
  // Whatever a failed run left behind: only the group this test started.
  for (const group of groups) {
    if ((await processesIn(group)).length > 0) process.kill(-group, 'SIGKILL');
  }
});

describe('npm start under SIGTERM', () => {
  it('stops every process it started and frees the port when npm alone gets SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'silent' };
    for (const name of ['SLACK_API_URL', 'SLACK_TOKEN', 'SLACK_BOT_TOKEN', 'HOST'])
      delete env[name];
    // Its own process group, so the test can see every descendant; the signal goes to npm only.
    const npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const group = npm.pid as number;
    groups.push(group);
    const { url, output } = await readyUrlOf(npm);
    expect((await fetch(url, { method: 'POST' })).status).toBeGreaterThan(0);
    expect((await processesIn(group)).length).toBeGreaterThan(1);

    const exited = once(npm, 'exit');
    npm.kill('SIGTERM');
    await exited;
    await expect.poll(() => processesIn(group), { timeout: 20_000, interval: 200 }).toEqual([]);
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
    expect(output()).toContain('SIGTERM: shutting down');
    // Starting npm, tsx and the gateway takes a while on a busy machine; nothing here is timed.
  }, 120_000);
});
