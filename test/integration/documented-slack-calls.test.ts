import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { startEmulator } from '../../src/emulator/emulator.js';
import { DEMO_TOKENS } from '../../src/emulator/state/demo-workspace.js';
import { graphiqlOptionsFor } from '../../src/http/graphiql.js';

/**
 * Every Slack-call count the docs state is measured. Each ```graphql block holding a query or a
 * mutation is followed by the line that states its calls, e.g.
 *
 *     Slack calls: `auth.test 1, conversations.list 1, users.list 1`
 *     Slack calls (variables `{"id": "C01RANDOM00"}`): `auth.test 1, conversations.info 1`
 *
 * and this test runs the block on the demo workspace, as a token's first request on a fresh
 * gateway (`npm start`'s defaults: governor and caches on), so the cold token's `auth.test`
 * (the governor finding its workspace; cached for later requests) is counted. The emulator's
 * per-method counters must equal the stated counts, and so must the `calls` of a `slackCost`
 * JSON example right after that line. Subscriptions are priced per event (docs/cost.md, checked
 * by test/events/subscription-cost.test.ts), so their blocks state none.
 */

const root = join(import.meta.dirname, '..', '..');
const docs = ['README.md', ...readdirSync(join(root, 'docs')).map((name) => `docs/${name}`)];

interface DocumentedOperation {
  /** `README.md:90`: where the block starts. */
  where: string;
  document: string;
  variables: Record<string, unknown>;
  /** The stated counts, or undefined when the block states none. */
  expected: Record<string, number> | undefined;
  /** `extensions.slackCost.calls` of a JSON example shown with the block. */
  exampleCalls: Record<string, number> | undefined;
}

const STATED_CALLS = /^Slack calls(?: \(variables `(\{.*\})`\))?: `([^`]+)`$/;

/** Counts written as `auth.test 1, users.list 2`. */
function parseCounts(text: string): Record<string, number> {
  return Object.fromEntries(
    text.split(',').map((entry) => {
      const match = /^\s*([\w.]+) (\d+)\s*$/.exec(entry);
      if (match === null) throw new Error(`not "<method> <count>": ${entry}`);
      return [match[1] as string, Number(match[2])];
    }),
  );
}

/** Whether a block is a query or mutation document (not SDL, not an elided excerpt). */
function isCountedOperation(document: string): boolean {
  let operations: string[];
  try {
    operations = parse(document).definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION ? [definition.operation] : [],
    );
  } catch {
    return false;
  }
  return operations.length > 0 && !operations.includes('subscription');
}

/** The `slackCost.calls` of a ```json example starting at `line` (after a blank line), if any. */
function slackCostExample(lines: string[], line: number): Record<string, number> | undefined {
  let start = line;
  while (lines[start]?.trim() === '') start++;
  if (lines[start]?.trim() !== '```json') return undefined;
  const end = lines.indexOf('```', start + 1);
  const example = lines.slice(start + 1, end).join('\n');
  if (!example.includes('"slackCost"')) return undefined;
  // The docs show the `extensions` member alone; wrap it into an object to parse it.
  const { extensions } = JSON.parse(`{${example}}`) as {
    extensions: { slackCost: { calls: Record<string, number> } };
  };
  return extensions.slackCost.calls;
}

function documentedOperations(): DocumentedOperation[] {
  const found: DocumentedOperation[] = [];
  for (const path of docs) {
    const lines = readFileSync(join(root, path), 'utf8').split('\n');
    for (let start = 0; start < lines.length; start++) {
      if (lines[start]?.trim() !== '```graphql') continue;
      let end = start + 1;
      while (end < lines.length && lines[end]?.trim() !== '```') end++;
      const document = lines.slice(start + 1, end).join('\n');
      if (isCountedOperation(document)) {
        const stated = STATED_CALLS.exec(lines[end + 1]?.trim() ?? '');
        found.push({
          where: `${path}:${start + 1}`,
          document,
          variables: stated?.[1] === undefined ? {} : JSON.parse(stated[1]),
          expected: stated?.[2] === undefined ? undefined : parseCounts(stated[2]),
          exampleCalls: slackCostExample(lines, end + 2),
        });
      }
      start = end;
    }
  }
  return found;
}

/**
 * The counts docs/clients.md states for GraphiQL's tab operations, by operation name, from rows
 * such as ``| Threads | `Threads` | `auth.test 1, conversations.history 1` |``.
 */
function statedTabCosts(): Map<string, Record<string, number>> {
  const rows = readFileSync(join(root, 'docs/clients.md'), 'utf8').matchAll(
    /^\| \w+ \| `(\w+)` \| `([^`]+)` \|$/gm,
  );
  return new Map([...rows].map((row) => [row[1] as string, parseCounts(row[2] as string)]));
}

/** Every named operation of GraphiQL's default tabs, with the document that holds it. */
function graphiqlTabOperations(): Array<{ name: string; document: string }> {
  return (graphiqlOptionsFor().defaultTabs ?? []).flatMap(({ query }) => {
    const document = query ?? '';
    return parse(document).definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION && definition.name !== undefined
        ? [{ name: definition.name.value, document }]
        : [],
    );
  });
}

/** Runs one operation as a cold token's first request on a fresh demo gateway. */
async function measure({
  document,
  variables,
  operationName,
}: {
  document: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}): Promise<{
  calls: Record<string, number>;
  answer: string;
}> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', workspace: 'demo' });
  try {
    const gateway = await startGateway(
      parseConfig({
        LOG_LEVEL: 'silent',
        PORT: '0',
        SLACK_API_URL: emulator.url,
        SLACK_TOKEN: DEMO_TOKENS.user,
      }),
    );
    try {
      emulator.resetStats();
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // @defer/@stream examples answer in parts; anything else as one JSON result.
          accept: 'multipart/mixed, application/graphql-response+json, application/json',
        },
        body: JSON.stringify({ query: document, variables, operationName }),
      });
      const answer = await response.text();
      return { calls: emulator.stats().calls, answer };
    } finally {
      await gateway.close();
    }
  } finally {
    await emulator.close();
  }
}

const operations = documentedOperations();

describe('the Slack calls the docs state', () => {
  it('are stated under every documented query and mutation', () => {
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((op) => op.expected === undefined).map((op) => op.where)).toEqual([]);
  });

  it.each(operations.map((op) => [op.where, op] as const))(
    '%s costs the Slack calls stated under it',
    async (_where, operation) => {
      const { calls, answer } = await measure(operation);
      expect(answer).not.toContain('"errors"');
      expect(calls).toEqual(operation.expected);
      if (operation.exampleCalls !== undefined) expect(operation.exampleCalls).toEqual(calls);
    },
  );
});

describe("the Slack calls of GraphiQL's tabs", () => {
  const tabOperations = graphiqlTabOperations();
  const stated = statedTabCosts();

  it('are stated in docs/clients.md for exactly the operations of the tabs', () => {
    expect(tabOperations.map(({ name }) => name)).toContain('Thread');
    expect([...stated.keys()].sort()).toEqual(tabOperations.map(({ name }) => name).sort());
  });

  it.each(tabOperations.map(({ name, document }) => [name, document] as const))(
    'the %s operation costs what docs/clients.md states',
    async (operationName, document) => {
      const { calls, answer } = await measure({ document, operationName });
      expect(answer).not.toContain('"errors"');
      expect(calls).toEqual(stated.get(operationName));
    },
  );
});
