import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeCrossSubgraphQueries, type RouterProcess } from './cross-subgraph-suite.js';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** The configuration docs/federation.md documents, loaded by the CLI as is. */
const GATEWAY_CONFIG_FILE = root('examples/supergraph/gateway.config.ts');
/** Where that configuration's `supergraph` points, relative to the working directory. */
const SUPERGRAPH_PATH = 'examples/supergraph/supergraph.graphql';
/** The `hive-gateway` binary npm links for `@graphql-hive/gateway`. */
const HIVE_GATEWAY_BIN = root('node_modules/.bin/hive-gateway');
/**
 * Bounds the CLI's start (it loads the TypeScript config and the supergraph): only a CLI that
 * hangs should reach it, so it is generous for a machine busy with other work (cross-subgraph
 * suite: the hook that starts routers allows 300 s).
 */
const READY_WITHIN_MS = 180_000;
const PORT_ATTEMPTS = 5;

/**
 * Preloaded into the CLI's process: records every host name its TCP client sockets look up and
 * every address they dial (what loopback-guard.ts watches in this process), one per line.
 */
const RECORD_OUTBOUND = `import { subscribe } from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';
const record = (host) => appendFileSync(process.env.OUTBOUND_LOG, host + '\\n');
subscribe('net.client.socket', ({ socket }) => {
  socket.on('lookup', (_error, _address, _family, host) => record(host));
  socket.on('connectionAttempt', (ip) => record(ip));
});
`;

/** A port free on 127.0.0.1 right now; the CLI may still lose it to another process (retried). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/** Stops the CLI: SIGTERM (it closes its server), SIGKILL if it lingers. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Resolves once the CLI answers `/readiness` (it serves only after loading the supergraph);
 * rejects, with the CLI's output, when it exits first or does not get ready in time.
 */
async function ready(child: ChildProcess, origin: string, output: () => string): Promise<void> {
  let exitCode: number | null = null;
  child.once('exit', (code, signal) => {
    exitCode = code ?? (signal === null ? 1 : 128);
  });
  const deadline = Date.now() + READY_WITHIN_MS;
  while (exitCode === null) {
    const status = await fetch(`${origin}/readiness`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`hive-gateway not ready:\n${output()}`);
    await sleep(100);
  }
  throw new Error(`hive-gateway exited with ${exitCode}:\n${output()}`);
}

/**
 * The real `hive-gateway supergraph` CLI with examples/supergraph/gateway.config.ts, in a
 * scratch working directory that holds the supergraph (composed with the live subgraph URLs) at
 * the path the config names, so the config's own `supergraph`, and its `propagateHeaders`, are
 * what the CLI runs. `--host`/`--port` override the config's 127.0.0.1:4100 with a free port.
 * The environment is minimal, so no HIVE_*, APOLLO_*, OPENTELEMETRY, PORT or HOST variable
 * reaches the CLI: with none of those (and no `reporting` in the config) it reports nothing.
 * @see https://the-guild.dev/graphql/hive/docs/api-reference/gateway-cli
 */
async function startHiveGatewayCli(supergraphSdl: string): Promise<RouterProcess> {
  const cwd = await mkdtemp(join(tmpdir(), 'hive-cli-'));
  await mkdir(join(cwd, dirname(SUPERGRAPH_PATH)), { recursive: true });
  await writeFile(join(cwd, SUPERGRAPH_PATH), supergraphSdl);
  const preload = join(cwd, 'record-outbound.mjs');
  const outboundLog = join(cwd, 'outbound.log');
  await writeFile(preload, RECORD_OUTBOUND);
  await writeFile(outboundLog, '');

  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const args = ['supergraph', '--config-path', GATEWAY_CONFIG_FILE];
    const child = spawn(HIVE_GATEWAY_BIN, [...args, '--host', '127.0.0.1', '--port', `${port}`], {
      cwd,
      env: {
        // `#!/usr/bin/env node` finds this very Node first.
        PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
        NODE_ENV: 'production',
        // Plain log lines in the error when it fails to start.
        NO_COLOR: '1',
        NODE_OPTIONS: `--import=${pathToFileURL(preload).href}`,
        OUTBOUND_LOG: outboundLog,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const kill = () => child.kill('SIGKILL');
    process.once('exit', kill);
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    try {
      await ready(child, origin, () => output);
      return {
        url: `${origin}/graphql`,
        destinations: async () => (await readFile(outboundLog, 'utf8')).split('\n').filter(Boolean),
        async close() {
          await stop(child);
          process.off('exit', kill);
          await rm(cwd, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await stop(child);
      process.off('exit', kill);
      if (!output.includes('EADDRINUSE') || attempt === PORT_ATTEMPTS) {
        await rm(cwd, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

describeCrossSubgraphQueries(
  'the hive-gateway CLI (examples/supergraph/gateway.config.ts)',
  startHiveGatewayCli,
);

describe('docs/federation.md', () => {
  it('shows examples/supergraph/gateway.config.ts exactly as the file is', async () => {
    const [docs, config] = await Promise.all([
      readFile(root('docs/federation.md'), 'utf8'),
      readFile(GATEWAY_CONFIG_FILE, 'utf8'),
    ]);
    expect(docs).toContain(`\`\`\`ts\n${config}\`\`\``);
  });
});
