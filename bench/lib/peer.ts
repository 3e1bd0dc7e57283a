/**
 * The peer: GraphQL Mesh (compose) + Hive Gateway over an OpenAPI description of the same Slack
 * methods, run against the same emulator. Installed from its recipe
 * (../shared/peers/mesh-hive-gateway) into a scratch folder under the OS temp directory, never
 * into the project's dependencies; the install is reused while the recipe's package.json is
 * unchanged.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './bench-env.js';
import { type ServerProcess, startServerProcess } from './child.js';

export const PEER_RECIPE = join(PROJECT_ROOT, '..', 'shared', 'peers', 'mesh-hive-gateway');

function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      // biome-ignore lint/style/noProcessEnv: npm needs the bench's environment (registry settings).
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-3000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`));
    });
  });
}

/** A free 127.0.0.1 port (Hive Gateway takes no port 0 report we could parse reliably). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Copies the recipe into the scratch folder and installs it unless already installed. */
export async function installPeer(log: (message: string) => void): Promise<string> {
  const manifest = await readFile(join(PEER_RECIPE, 'package.json'));
  const hash = createHash('sha256').update(manifest).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `slack-gql-bench-peer-${hash}`);
  await cp(PEER_RECIPE, dir, { recursive: true });
  if (!existsSync(join(dir, 'node_modules', '.bin', 'hive-gateway'))) {
    log(`installing the peer into ${dir} (npm install, a few minutes the first time)`);
    await run('npm', ['install', '--no-audit', '--no-fund'], dir, {}, 600_000);
  }
  return dir;
}

/** Composes the supergraph for `emulatorOrigin` and starts Hive Gateway; ready is its URL. */
export async function startPeer(
  dir: string,
  emulatorOrigin: string,
  token: string,
): Promise<ServerProcess> {
  const env = { SLACK_URL: emulatorOrigin, SLACK_TOKEN: token, NODE_ENV: 'production' };
  const bin = (name: string) => join(dir, 'node_modules', '.bin', name);
  await run(bin('mesh-compose'), ['-o', 'supergraph.graphql'], dir, env, 120_000);
  const port = await freePort();
  const server = await startServerProcess({
    name: 'peer (Hive Gateway)',
    command: bin('hive-gateway'),
    args: [
      'supergraph',
      './supergraph.graphql',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--fork',
      '1',
      '--disable-websockets',
    ],
    cwd: dir,
    env,
    ready: /Listening on (http:\/\/127\.0\.0\.1:\d+)/,
    timeoutMs: 120_000,
  });
  return { ...server, ready: `${server.ready}/graphql` };
}
