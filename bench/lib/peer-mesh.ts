/**
 * The GraphQL Mesh (compose) + Hive Gateway peer: a supergraph generated from an OpenAPI
 * description of the same Slack methods (bench/peers/mesh-hive-gateway/), served by Hive Gateway
 * against the benchmark's emulator. Installed by that folder's setup.sh; the supergraph is
 * composed for each run, because the emulator's port and token are baked into it.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type ServerProcess, startServerProcess } from './child.js';
import { notSetUp, type Peer, peersInstallDir, runCommand } from './peer.js';

export const MESH_SETUP = 'bench/peers/mesh-hive-gateway/setup.sh';

/** A free 127.0.0.1 port (Hive Gateway does not report the port it got for port 0). */
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

async function startMesh(emulatorApiUrl: string, token: string): Promise<ServerProcess> {
  const dir = join(peersInstallDir(), 'mesh-hive-gateway');
  const bin = (name: string) => join(dir, 'node_modules', '.bin', name);
  if (!existsSync(bin('hive-gateway')) || !existsSync(bin('mesh-compose'))) {
    throw notSetUp(MESH_SETUP);
  }
  const env = {
    SLACK_URL: new URL(emulatorApiUrl).origin,
    SLACK_TOKEN: token,
    NODE_ENV: 'production',
  };
  await runCommand(bin('mesh-compose'), ['-o', 'supergraph.graphql'], {
    cwd: dir,
    env,
    timeoutMs: 120_000,
  });
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

export const MESH_PEER: Peer = {
  id: 'mesh-hive-gateway',
  title: 'GraphQL Mesh + Hive Gateway',
  start: startMesh,
};
