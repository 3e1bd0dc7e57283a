import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, it, onTestFinished } from 'vitest';
import { freePort } from '../../src/fleet/redis-server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const refused = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

it('npm run fleet starts Redis, the emulator and N replicas on consecutive ports, and stops them all on SIGTERM', async () => {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/fleet/main.ts', '--replicas', '2', '--port', String(port)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, EXPOSE_SLACK_COST: 'off' },
    },
  );
  // A failed assertion must not leave the fleet (Redis, emulator, replicas) running.
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('fleet ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`fleet exited with ${code}:\n${output}`)));
  });
  const urls = [...output.matchAll(/^replica \d+ ready (\S+)$/gm)].map(
    (match) => match[1] as string,
  );
  expect(urls).toEqual([0, 1].map((index) => `http://127.0.0.1:${port + index}/graphql`));
  const redisUrl = /^redis (\S+)$/m.exec(output)?.[1] as string;
  for (const url of urls) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ conversations(first: 1) { edges { node { name } } } }' }),
    });
    expect(await response.json()).toEqual({
      data: { conversations: { edges: [{ node: { name: 'general' } }] } },
    });
  }
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  expect(await exited).toEqual([0, null]);
  for (const url of [...urls, redisUrl.replace('redis:', 'http:')])
    expect(await refused(url)).toBe(true);
}, 120_000);
