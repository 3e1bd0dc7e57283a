/**
 * The Tailcall peer (a Rust GraphQL runtime over REST; bench/peers/tailcall/): installed by that
 * folder's setup.sh, started through its tailcall.sh, and only ever inside a loopback-only
 * network namespace (bench/lib/peer-netns.ts), since it phones home by default. tailcall.sh
 * refuses to start anywhere else, and so does this module.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type ServerProcess, startServerProcess } from './child.js';
import { notSetUp, PEERS_SOURCE, type Peer, PeerUnavailable, peersInstallDir } from './peer.js';
import { otherInterfaces } from './peer-netns.js';

export const TAILCALL_SETUP = 'bench/peers/tailcall/setup.sh';
const SOURCE = join(PEERS_SOURCE, 'tailcall');

/** Whether setup.sh has installed the binary and its glibc. */
export function tailcallInstalled(): boolean {
  const dir = join(peersInstallDir(), 'tailcall');
  return (
    existsSync(join(dir, 'node_modules', '@tailcallhq', 'core-linux-x64-gnu', 'bin', 'tailcall')) &&
    existsSync(join(dir, 'glibc', 'usr', 'lib', 'x86_64-linux-gnu', 'ld-linux-x86-64.so.2'))
  );
}

async function startTailcall(emulatorApiUrl: string): Promise<ServerProcess> {
  if (!tailcallInstalled()) throw notSetUp(TAILCALL_SETUP);
  const others = otherInterfaces();
  if (others.length > 0) {
    throw new PeerUnavailable(
      `not started: it runs only in a loopback-only network namespace, and this one has ${others.join(', ')}`,
    );
  }
  const server = await startServerProcess({
    name: 'peer (Tailcall)',
    command: join(SOURCE, 'tailcall.sh'),
    args: ['start', join(SOURCE, 'tailcall.yml')],
    // Default log level: the ready line is an info line. Tailcall logs each upstream call there,
    // none on a cached read.
    env: { SLACK_API_URL: emulatorApiUrl },
    ready: /Tailcall launched at \[(127\.0\.0\.1:\d+)\]/,
    timeoutMs: 60_000,
  });
  return { ...server, ready: `http://${server.ready}/graphql` };
}

export const TAILCALL_PEER: Peer = {
  id: 'tailcall',
  title: 'Tailcall 1.6.14',
  start: startTailcall,
};
