import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A redis-server this process started (Debian's `redis-server`), for `npm run fleet`, the fleet
 * tests and benchmarks: nothing depends on a server left running on the machine.
 */
export interface RedisServerProcess {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** Kills the server (SIGKILL: an outage, not a shutdown) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts a fresh, empty server on the same port (after `kill`). */
  restart(): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; a small race with other processes remains). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
  });
}

/** Answers once the server replies `+PONG` to a raw `PING` (no client library involved). */
async function waitForPong(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const pong = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
    if (pong) return;
    await sleep(25);
  }
  throw new Error(`redis-server did not answer PING on port ${port}`);
}

/**
 * Spawns `redis-server` on a free loopback port with persistence off (`--save '' --appendonly
 * no`), in a temporary directory, and waits for it to answer PING.
 * `port`: listen there instead (e.g. a replica already points at it).
 */
export async function startRedisServer(
  port?: number,
  bin = 'redis-server',
): Promise<RedisServerProcess> {
  const listenPort = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'scg-redis-'));
  const spawnServer = async (): Promise<ChildProcess> => {
    const child = spawn(
      bin,
      [
        '--port',
        String(listenPort),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: 'ignore' },
    );
    await waitForPong(listenPort, child);
    return child;
  };
  let child: ChildProcess | undefined = await spawnServer();
  const kill = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${listenPort}`,
    port: listenPort,
    kill,
    async restart() {
      await kill();
      child = await spawnServer();
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
