/**
 * `npm run fleet -- --replicas 3 [--port 4000]`: a local fleet to try fleet mode with. Starts a
 * redis-server of its own (persistence off), the emulator with the demo workspace, and N gateway
 * processes (`src/main.ts`) on consecutive ports sharing that Redis, then prints every URL. The
 * emulator delivers its events to the first replica, which relays them to the others.
 * Ctrl-C or SIGTERM stops them all. A developer command: like `npm start`, it wires the emulator
 * to gateways, which never import it themselves.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { childEnvironment } from '../config.js';
import { DEFAULT_APP, startEmulator } from '../emulator/index.js';
import { DEMO_TOKENS } from '../emulator/state/demo-workspace.js';
import { startRedisServer } from './redis-server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const USAGE =
  'usage: npm run fleet -- [--replicas N (1-16, default 3)] [--port FIRST (default 4000)]';

function parseOptions(): { replicas: number; port: number } {
  const { values } = parseArgs({
    options: {
      replicas: { type: 'string', default: '3' },
      port: { type: 'string', default: '4000' },
    },
  });
  const replicas = Number(values.replicas);
  const port = Number(values.port);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 16) throw new Error(USAGE);
  if (!Number.isInteger(port) || port < 1 || port + replicas > 65_536) throw new Error(USAGE);
  return { replicas, port };
}

/** Starts one replica and resolves with its URL once it prints its ready line. */
async function startReplica(
  index: number,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: childEnvironment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const label = `[replica ${index + 1}] `;
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`${label}${chunk}`));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^gateway ready (\S+)$/m.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${label}exited with ${code}:\n${output}`)));
  });
  return { child, url };
}

async function main(): Promise<void> {
  const { replicas, port } = parseOptions();
  const redis = await startRedisServer();
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', workspace: 'demo' });
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(
      children
        .filter((child) => child.exitCode === null && child.signalCode === null)
        .map((child) => {
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          return exited;
        }),
    );
    await emulator.close();
    await redis.stop();
  };
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the fleet`);
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  // Every replica must seal and open the same cursors.
  const cursorSecret = randomBytes(32).toString('hex');
  try {
    for (let index = 0; index < replicas; index++) {
      const replica = await startReplica(index, {
        PORT: String(port + index),
        HOST: '127.0.0.1',
        SLACK_API_URL: emulator.url,
        SLACK_TOKEN: DEMO_TOKENS.user,
        REDIS_URL: redis.url,
        CURSOR_SECRET: cursorSecret,
        SLACK_SIGNING_SECRET: DEFAULT_APP.signing_secret,
      });
      children.push(replica.child);
      urls.push(replica.url);
      console.log(`replica ${index + 1} ready ${replica.url}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop();
    process.exit(1);
  }
  // Slack has one Request URL per app (a load balancer's, in production): here the first replica's.
  const [first] = urls;
  if (first !== undefined) {
    emulator.configure({ eventsUrl: `${new URL(first).origin}/slack/events` });
    await emulator.eventsUrlVerified();
    console.log(
      `events: the emulator delivers to replica 1; subscribers on every replica hear them`,
    );
  }
  console.log(`redis ${redis.url}`);
  console.log(`emulator ${emulator.url} (demo workspace; the replicas use its demo user token)`);
  console.log('fleet ready: Ctrl-C stops every process');
}

await main();
