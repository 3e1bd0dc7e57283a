import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface DemoGateway {
  /** e.g. `http://127.0.0.1:41234/graphql`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the gateway exactly as `npm start` does with nothing configured: the embedded emulator
 * with the demo workspace (demo mode), on a free port; resolves once it prints its URL.
 */
export async function startDemoGateway(): Promise<DemoGateway> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
  for (const name of ['SLACK_API_URL', 'SLACK_TOKEN', 'SLACK_BOT_TOKEN', 'CORS_ORIGINS']) {
    delete env[name];
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await readyUrl(child);
  return {
    url,
    async close() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /gateway ready (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        child.stdout?.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}:\n${output}`)));
  });
}
