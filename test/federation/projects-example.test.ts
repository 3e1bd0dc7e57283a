import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  composeSupergraph,
  EXAMPLE_URLS,
  SLACK_SUBGRAPH_FILE,
  SUPERGRAPH_FILE,
} from '../../examples/supergraph/compose.js';
import { DEMO_PROJECTS } from '../../examples/supergraph/projects-service.js';
import { demoWorkspace } from '../../src/emulator/state/demo-workspace.js';

/**
 * `npm run example:projects`, the projects service of the federation walkthrough
 * (docs/federation.md), started as a user starts it (on a free port: `-- --port 0`).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let child: ChildProcess;
let url: string;
let output = '';

beforeAll(async () => {
  const args = ['run', '--silent', 'example:projects', '--', '--port', '0'];
  child = spawn('npm', args, {
    cwd: ROOT,
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /^projects service ready (http:\/\/127\.0\.0\.1:\d+\/graphql)$/m.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
});

afterAll(() => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function query<T>(document: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: document }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

describe('npm run example:projects', () => {
  it('answers the projects of the demo workspace, by Slack IDs that exist there', async () => {
    const data = await query<{
      projects: {
        edges: { node: { id: string; channel: { id: string }; owner: { id: string } } }[];
      };
    }>('{ projects(first: 10) { edges { node { id channel { id } owner { id } } } } }');
    expect(data.projects.edges.map(({ node }) => node)).toEqual(
      DEMO_PROJECTS.map(({ id, channel, owner }) => ({
        id,
        channel: { id: channel },
        owner: { id: owner },
      })),
    );
    const workspace = demoWorkspace();
    const conversations = new Set(workspace.conversations.map(({ id }) => id));
    const users = new Set(workspace.users.map(({ id }) => id));
    for (const project of DEMO_PROJECTS) {
      expect(
        [project.channel, ...project.conversations].filter((id) => !conversations.has(id)),
      ).toEqual([]);
      expect(users.has(project.owner)).toBe(true);
    }
  });

  it('resolves the gateway entities it extends', async () => {
    const data = await query<{ _entities: { projects: { name: string }[] }[] }>(
      `{ _entities(representations: [{ __typename: "Conversation", id: "C01GENERAL0" }]) {
          ... on Conversation { projects { name } } } }`,
    );
    expect(data._entities).toEqual([{ projects: [{ name: 'Launch' }, { name: 'Hiring' }] }]);
  });

  it('serves the SDL that composes, with this gateway, into the committed supergraph', async () => {
    const { _service } = await query<{ _service: { sdl: string } }>('{ _service { sdl } }');
    const supergraph = composeSupergraph([
      { name: 'slack', sdl: await readFile(SLACK_SUBGRAPH_FILE, 'utf8'), url: EXAMPLE_URLS.slack },
      { name: 'projects', sdl: _service.sdl, url: EXAMPLE_URLS.projects },
    ]);
    expect(await readFile(SUPERGRAPH_FILE, 'utf8')).toContain(supergraph);
  });

  it('stops on SIGTERM to the process the user started', async () => {
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  });
});
