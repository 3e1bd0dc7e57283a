import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Settings a developer's shell may hold that would change what `npm start` does in a test. */
const INHERITED_SETTINGS = [
  'SLACK_API_URL',
  'SLACK_TOKEN',
  'SLACK_BOT_TOKEN',
  'HOST',
  'LOG_LEVEL',
  'CORS_ORIGINS',
];

/** One JSON log line (pino) as the gateway writes it. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** `npm start`'s entry point running as a child process. */
export interface GatewayProcess {
  /** The URL of its ready line, e.g. `http://127.0.0.1:41234/graphql`. */
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Its JSON log lines so far, parsed (start-up messages and other output left out). */
  logLines(): LogLine[];
  /** Sends `signal` (default SIGTERM) and resolves with how it exited. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `src/main.ts` as `npm start` does, with `env` on top of this process's environment
 * (minus the gateway's own settings), and resolves once it prints `gateway ready <url>`.
 */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_SETTINGS) delete inherited[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { url, output } = await readyUrlOf(child);
  return {
    url,
    child,
    output,
    logLines: () =>
      output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) {
        return { code: child.exitCode, signal: child.signalCode };
      }
      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      child.kill(signal);
      const [code, exitSignal] = await exited;
      return { code, signal: exitSignal };
    },
  };
}

/**
 * Collects a child's stdout and stderr and resolves with the URL of its `gateway ready <url>`
 * line (rejects if it exits first), whatever command started the gateway.
 */
export function readyUrlOf(child: ChildProcess): Promise<{ url: string; output: () => string }> {
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /^gateway ready (http:\/\/\S+)$/m.exec(output);
      if (match?.[1] !== undefined) resolve({ url: match[1], output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}:\n${output}`)));
  });
}
