/**
 * The loopback-only network namespace the peers that phone home run in (Tailcall checks for
 * updates and sends telemetry). A process in another namespace cannot reach the emulator on the
 * host's 127.0.0.1, so the whole benchmark run (emulator, our gateway, peers, load generator)
 * re-executes itself inside one namespace through bench/peers/netns.sh.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PEERS_SOURCE } from './peer.js';

export const NETNS_SCRIPT = join(PEERS_SOURCE, 'netns.sh');
/** The check tailcall.sh makes before it starts Tailcall. */
export const LOOPBACK_ONLY_SCRIPT = join(PEERS_SOURCE, 'loopback-only.sh');

/** The interfaces of this process's network namespace besides loopback (none: loopback only). */
export function otherInterfaces(): string[] {
  const check = spawnSync('sh', [LOOPBACK_ONLY_SCRIPT], { encoding: 'utf8' });
  if (check.status === 0) return [];
  return check.stdout.trim().split(/\s+/).filter(Boolean);
}

/** Why a loopback-only namespace cannot be made here, or undefined when it can. */
export function namespaceUnavailable(): string | undefined {
  const probe = spawnSync('sh', [NETNS_SCRIPT, 'true'], { encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  return `no loopback-only network namespace (${NETNS_SCRIPT}): ${(probe.stderr ?? '').trim() || `exit ${probe.status}`}`;
}

/**
 * Runs this very process again (same Node flags, same arguments) inside a new loopback-only
 * namespace, with stdio shared; resolves with its exit code.
 */
export function rerunInLoopbackNamespace(): Promise<number> {
  const child = spawn(
    'sh',
    [NETNS_SCRIPT, process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit' },
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
