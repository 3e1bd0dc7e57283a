import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/emulator/cli-options.js';
import { SCENARIO_TOKENS, scenarioWorkspace } from '../fixtures/scenario-workspace.js';
import { slackCall } from '../helpers/emulator.js';

describe('parseCliArgs', () => {
  it('defaults to port 3101 on 127.0.0.1 with the demo workspace and no limits', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'start',
      options: {
        port: 3101,
        host: '127.0.0.1',
        workspace: 'demo',
        config: { rateLimits: false, latencyMs: 0, eventsUrl: null },
      },
    });
  });

  it('reads every flag', () => {
    const parsed = parseCliArgs([
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--workspace',
      'ws.json',
      '--rate-limits',
      '--latency-ms',
      '25',
      '--events-url',
      'http://127.0.0.1:4000/slack/events',
    ]);
    expect(parsed).toEqual({
      kind: 'start',
      options: {
        port: 0,
        host: '0.0.0.0',
        workspace: 'ws.json',
        config: {
          rateLimits: true,
          latencyMs: 25,
          eventsUrl: 'http://127.0.0.1:4000/slack/events',
        },
      },
    });
  });

  it('collects every bad value and rejects unknown flags', () => {
    const bad = parseCliArgs([
      '--port',
      '70000',
      '--latency-ms',
      'soon',
      '--events-url',
      'ftp://x',
    ]);
    expect(bad.kind).toBe('invalid');
    expect(bad.kind === 'invalid' && bad.problems).toHaveLength(3);
    const unknown = parseCliArgs(['--colour', 'red']);
    expect(unknown.kind === 'invalid' && unknown.problems.join()).toContain('--colour');
  });
});

describe('the emulator CLI', () => {
  let directory: string;
  let workspacePath: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'emulator-cli-'));
    workspacePath = join(directory, 'workspace.json');
    await writeFile(workspacePath, JSON.stringify(scenarioWorkspace()));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  function run(args: string[]): ChildProcess {
    return spawn(process.execPath, ['--import', 'tsx', 'src/emulator/main.ts', ...args], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** Everything the child prints on stdout, and its first line once it arrives. */
  function watchStdout(child: ChildProcess): { all: () => string; firstLine: Promise<string> } {
    let buffered = '';
    const firstLine = new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk) => {
        buffered += String(chunk);
        const newline = buffered.indexOf('\n');
        if (newline >= 0) resolve(buffered.slice(0, newline));
      });
      child.once('exit', () => reject(new Error(`exited without a ready line: ${buffered}`)));
    });
    return { all: () => buffered, firstLine };
  }

  it('prints exactly one ready line with the picked port, serves Slack, and exits 0 on SIGTERM', async () => {
    const child = run(['--port', '0', '--workspace', workspacePath]);
    const exited = once(child, 'exit');
    const stdout = watchStdout(child);
    let line = '';
    try {
      line = await stdout.firstLine;
      expect(line).toMatch(/^emulator ready http:\/\/127\.0\.0\.1:\d+\/api\/$/);
      const url = line.slice('emulator ready '.length);
      expect(url).not.toContain(':0/');
      const { body } = await slackCall(url, 'auth.test', {}, { token: SCENARIO_TOKENS.alice });
      expect(body).toMatchObject({ ok: true, team_id: 'T0SCENARIO' });
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await exited;
    expect(code).toBe(0);
    expect(stdout.all()).toBe(`${line}\n`);
  });

  it('serves the demo workspace by default', async () => {
    const child = run(['--port', '0']);
    const exited = once(child, 'exit');
    try {
      const line = await watchStdout(child).firstLine;
      const { body } = await slackCall(line.slice('emulator ready '.length), 'api.test', {
        a: 'b',
      });
      expect(body).toEqual({ ok: true, args: { a: 'b' } });
    } finally {
      child.kill('SIGINT');
    }
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('exits 2 and prints the problems for bad flags', async () => {
    const child = run(['--port', 'abc']);
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be an integer');
  });

  it('exits 2 naming the file when the workspace cannot be loaded', async () => {
    const missing = join(directory, 'missing.json');
    const child = run(['--port', '0', '--workspace', missing]);
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain(missing);
  });
});
