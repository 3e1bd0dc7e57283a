/**
 * Hostile soak: 60,000 requests of a mixed, partly hostile workload against one gateway, to show
 * that memory stays flat when requests fail as often as they succeed. Alongside ordinary reads
 * by two tokens (lists followed by their cursors, lookups, nodes), a third of the traffic is
 * refused: operations over the Slack-call budget, too deep, unparsable, swapped or forged
 * cursors, unknown tokens. The cache stays on (bounded) and the governor off (it would pace the
 * run to Slack's real rates).
 *
 * Run: `node --expose-gc --import tsx bench/soak.ts [requests]`. The gateway and the emulator
 * run in this process; heap is read after a full GC at 25,000 requests and at the end. Bounded
 * by count and by time (10 minutes). Prints a JSON summary and writes
 * bench/results/soak-hostile.json. Only 127.0.0.1 traffic.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Pool } from 'undici';
import { startGateway } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { startEmulator } from '../src/emulator/index.js';
import { DEMO_TOKENS } from '../src/emulator/state/demo-workspace.js';

const TOTAL = Number(process.argv[2] ?? 60_000);
const CHECKPOINT = 25_000;
const IN_FLIGHT = 32;
const MAX_MS = 600_000;

const exposedGc = (globalThis as { gc?: () => void }).gc;
if (exposedGc === undefined) throw new Error('run with node --expose-gc');
const gc: () => void = exposedGc;

const TOKENS = [DEMO_TOKENS.user, DEMO_TOKENS.secondUser];
const PAGE = `query($after: String) { conversations(first: 3, after: $after, types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM]) {
  edges { node { id name topic { value } } } pageInfo { endCursor hasNextPage } } }`;

interface Shot {
  token: string | undefined;
  query: string;
  variables?: Record<string, unknown>;
}

/** Cursors handed out so far, per token, for resuming lists and for swapping them. */
const cursors = new Map<string, string[]>();

function shot(index: number): Shot {
  const token = TOKENS[index % 2] as string;
  const other = TOKENS[(index + 1) % 2] as string;
  const own = cursors.get(token) ?? [];
  const foreign = cursors.get(other) ?? [];
  switch (index % 9) {
    case 0:
      return {
        token,
        query: PAGE,
        variables: { after: own[index % Math.max(own.length, 1)] ?? null },
      };
    case 1:
      return {
        token,
        query:
          '{ viewer { user { name } conversations(first: 20) { edges { node { id name } } } } }',
      };
    case 2:
      return {
        token,
        query:
          'query($id: ID!) { conversation(id: $id) { id name members(first: 5) { edges { node { name } } } } }',
        variables: { id: 'C01GENERAL0' },
      };
    case 3:
      return {
        token,
        query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
        variables: { ids: ['C01GENERAL0', 'C01MPALDAER', `C${index}`] },
      };
    case 4:
      // Over the budget: refused before execution.
      return {
        token,
        query:
          '{ conversations(first: 1000) { edges { node { members(first: 1000) { edges { node { name } } } } } } }',
      };
    case 5:
      // A cursor of the other token: refused before any Slack call.
      return {
        token,
        query: PAGE,
        variables: { after: foreign[index % Math.max(foreign.length, 1)] ?? 'forged.cursor' },
      };
    case 6:
      return {
        token,
        query: `{ conversation(id: "C01GENERAL0") { ${'latest { conversation { '.repeat(8)}id${' } }'.repeat(8)} } }`,
      };
    case 7:
      return { token: `xoxp-unknown-${index}`, query: '{ viewer { user { id } } }' };
    default:
      return { token, query: `{ conversations(first: ${index % 7}) { edges { node { id ` };
  }
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', workspace: 'demo' });
  const gateway = await startGateway(
    parseConfig({
      LOG_LEVEL: 'silent',
      PORT: '0',
      SLACK_API_URL: emulator.url,
      SLACK_GOVERNOR: 'off',
    }),
  );
  const url = new URL(gateway.url);
  const client = new Pool(url.origin, { connections: IN_FLIGHT });
  const started = Date.now();
  const checkpoints: {
    requests: number;
    heapMb: number;
    status: Record<string, number>;
    perSecond: number;
  }[] = [];
  const status: Record<string, number> = {};
  let sent = 0;
  let done = 0;

  const measure = async (): Promise<void> => {
    for (let round = 0; round < 3; round++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const heapMb = Math.round((process.memoryUsage().heapUsed / 1_048_576) * 10) / 10;
    const perSecond = Math.round(done / ((Date.now() - started) / 1_000));
    checkpoints.push({ requests: done, heapMb, status: { ...status }, perSecond });
  };

  const worker = async (): Promise<void> => {
    while (sent < TOTAL && Date.now() - started < MAX_MS) {
      const index = sent++;
      const { token, query, variables } = shot(index);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await client.request({
        path: url.pathname,
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.body.text();
      status[response.statusCode] = (status[response.statusCode] ?? 0) + 1;
      if (index % 9 === 0 && token) {
        const match = /"endCursor":"([^"]+)"/.exec(text);
        const list = cursors.get(token) ?? [];
        if (match?.[1] && list.length < 50) list.push(match[1]);
        cursors.set(token, list);
      }
      done += 1;
      if (done === CHECKPOINT) await measure();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  await measure();
  await client.close();
  await gateway.close();
  await emulator.close();

  const first = checkpoints[0];
  const last = checkpoints.at(-1);
  const summary = {
    id: 'soak-hostile',
    requests: done,
    seconds: Math.round((Date.now() - started) / 1_000),
    heapAfterGcMb: { at25k: first?.heapMb, atEnd: last?.heapMb },
    ratio: first && last ? Math.round((last.heapMb / first.heapMb) * 100) / 100 : undefined,
    checkpoints,
    node: process.version,
  };
  console.log(JSON.stringify(summary, null, 2));
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(
    new URL('./results/soak-hostile.json', import.meta.url),
    `${JSON.stringify(summary, null, 2)}\n`,
  );
  if (status['500'] !== undefined || status['502'] !== undefined) process.exitCode = 1;
}

await main();
