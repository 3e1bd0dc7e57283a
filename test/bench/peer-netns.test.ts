import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOPBACK_ONLY_SCRIPT, NETNS_SCRIPT } from '../../bench/lib/peer-netns.js';

const run = promisify(execFile);
const TAILCALL_SCRIPT = fileURLToPath(
  new URL('../../bench/peers/tailcall/tailcall.sh', import.meta.url),
);

/** Runs `command` with `args`; resolves with its exit code and output, whatever the code. */
async function outcome(command: string, args: readonly string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(command, [...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A Node program run inside the namespace: prints what a connection to `host` ends with. */
const CONNECT = `
const net = require('node:net');
const server = net.createServer((socket) => socket.end()).listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const attempt = (host) => new Promise((resolve) => {
    const socket = net.connect({ host, port: host === '127.0.0.1' ? port : 80 });
    socket.once('connect', () => { socket.destroy(); resolve('connected'); });
    socket.once('error', (error) => resolve(error.code));
  });
  Promise.all([attempt('127.0.0.1'), attempt('192.0.2.1'), attempt('1.1.1.1')]).then((codes) => {
    console.log(codes.join(' '));
    server.close();
  });
});`;

const NET_DEV_HEADER =
  'Inter-|   Receive                            |  Transmit\n' +
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets\n';

describe('the loopback-only network namespace the bench runs Tailcall in', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'peer-netns-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has loopback and no other interface', async () => {
    const inside = await outcome('sh', [NETNS_SCRIPT, 'sh', LOOPBACK_ONLY_SCRIPT]);
    expect(inside).toMatchObject({ code: 0, stdout: '' });
    const devices = await outcome('sh', [NETNS_SCRIPT, 'cat', '/proc/self/net/dev']);
    const names = devices.stdout
      .split('\n')
      .slice(2)
      .map((line) => line.split(':')[0]?.trim())
      .filter(Boolean);
    expect(names).toEqual(['lo']);
  });

  it('reaches 127.0.0.1 and nothing else', async () => {
    const result = await outcome('sh', [NETNS_SCRIPT, process.execPath, '-e', CONNECT]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('connected ENETUNREACH ENETUNREACH');
  });

  it('loopback-only.sh names the interfaces besides loopback', async () => {
    const withEthernet = join(dir, 'dev-eth');
    await writeFile(
      withEthernet,
      `${NET_DEV_HEADER}    lo: 0 0 0 0 0 0 0 0 0 0\n  eth0: 0 0 0 0 0 0 0 0 0 0\n`,
    );
    expect(await outcome('sh', [LOOPBACK_ONLY_SCRIPT, withEthernet])).toMatchObject({
      code: 1,
      stdout: 'eth0\n',
    });
    const loopbackOnly = join(dir, 'dev-lo');
    await writeFile(loopbackOnly, `${NET_DEV_HEADER}    lo: 0 0 0 0 0 0 0 0 0 0\n`);
    expect(await outcome('sh', [LOOPBACK_ONLY_SCRIPT, loopbackOnly])).toMatchObject({ code: 0 });
  });

  it('tailcall.sh checks its namespace before anything else', async () => {
    // An empty install folder: inside the namespace the script gets past the check and then
    // finds Tailcall not set up (exit 4); it never gets that far elsewhere (exit 3).
    const inside = await outcome('sh', [NETNS_SCRIPT, 'sh', TAILCALL_SCRIPT, '--version'], {
      BENCH_PEERS_DIR: dir,
    });
    expect(inside.code).toBe(4);
    expect(inside.stderr).toContain('not set up: run sh bench/peers/tailcall/setup.sh');
  });
});
