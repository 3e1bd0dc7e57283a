import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The processes whose parent is `pid`, as `pid args` lines. */
function childrenOf(pid: number): { pid: number; args: string }[] {
  let listing = '';
  try {
    listing = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there is no such process
  }
  return listing
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: Number(match[1]), args: match[2] ?? '' }));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start (the README command)', () => {
  let npm: ChildProcess | undefined;
  let server: number | undefined;

  afterAll(() => {
    if (server !== undefined && isAlive(server)) process.kill(server, 'SIGKILL');
    if (npm?.exitCode === null) npm.kill('SIGKILL');
  });

  it('builds, serves compiled JavaScript with no transpiler, loads GraphiQL on demand and stops on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'silent',
      EXPOSE_SLACK_COST: 'off',
    };
    for (const name of ['SLACK_API_URL', 'SLACK_TOKEN', 'SLACK_BOT_TOKEN', 'HOST']) {
      delete env[name];
    }
    // Not vitest's own npm_* variables: this is what a user's shell runs.
    for (const name of Object.keys(env)) if (name.startsWith('npm_')) delete env[name];
    const child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    npm = child;
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /^gateway ready (http:\/\/127\.0\.0\.1:\d+\/graphql)$/m.exec(output);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`npm start exited ${code}:\n${output}`)));
    });

    // npm's child is the server itself (`exec node …`): no shell in between to swallow
    // signals, and no TypeScript loader in its arguments.
    const [serving] = childrenOf(child.pid as number);
    expect(serving?.args).toBe('node dist/main.js');
    server = serving?.pid;

    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ conversation(id: "C01GENERAL0") { name } }' }),
    });
    expect(await response.json()).toEqual({ data: { conversation: { name: 'general' } } });

    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Slack conversations GraphQL</title>');

    // The build is a bundle: the serving process resolves nothing from node_modules at start,
    // it loads dist's own files (the dependencies are inside them). esbuild writes its import
    // statements with double quotes (single-quoted ones are the require shim and text in strings),
    // several on one line once minified.
    const staticImports = [
      ...readFileSync(`${ROOT}dist/main.js`, 'utf8').matchAll(
        /(?:^|;)\s*import\s*(?:[^;'"]*?from\s*)?"([^"]+)"/gm,
      ),
    ].map((match) => match[1] ?? '');
    expect(staticImports.length).toBeGreaterThan(0);
    expect(staticImports.filter((path) => !/^(node:|\.\/chunks\/)/.test(path))).toEqual([]);

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output).toContain('SIGTERM: shutting down');
    expect(isAlive(server as number)).toBe(false);
  }, 240_000);
});

describe('npm run emulator (the README command for the emulator alone)', () => {
  let emulator: ChildProcess | undefined;

  afterAll(() => {
    if (emulator?.exitCode === null) emulator.kill('SIGKILL');
  });

  it('builds, starts the bundled emulator and answers api.test', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of Object.keys(env)) if (name.startsWith('npm_')) delete env[name];
    const child = spawn('npm', ['run', 'emulator', '--silent', '--', '--port', '0'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    emulator = child;
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        const match = /^emulator ready (\S+)$/.exec(line);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`the emulator exited ${code}`)));
    });
    const response = await fetch(new URL('api.test', url), { method: 'POST' });
    expect(await response.json()).toEqual({ ok: true });
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  }, 240_000);
});
