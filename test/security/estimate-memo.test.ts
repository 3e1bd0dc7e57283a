import { randomBytes } from 'node:crypto';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEstimateMemo,
  estimateKey,
  MAX_MEMO_KEY_CHARS,
} from '../../src/operation-cost/estimate-memo.js';
import { SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { heapAfterGc, mib, runConcurrently } from '../helpers/heap.js';

/**
 * Issue 13, item 1: the operation-cost memo was keyed by the JSON of every request variable,
 * declared or not (64 sets per document, 1,024 documents), so random variables grew the heap by
 * about 96 KB per request. It now keys on the declared variables only, skips large keys and is
 * bounded in bytes as a whole.
 */

/** Distinct documents (yoga's parser cache keeps up to 1,024); each over the call budget. */
const DOCUMENTS = 64;
const REQUESTS = 600;
const PAD_CHARS = 40_000;

const document = (index: number): string =>
  `query Q${index}($first: Int!, $after: String) { conversations(first: $first, after: $after) { edges { node { members(first: 100) { edges { node { name } } } } } } }`;

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ gatewayConfig: { cache: { enabled: false } } });
});
afterAll(() => gw.close());

async function attack(index: number): Promise<void> {
  const { status, body } = await gw.graphql(
    document(index % DOCUMENTS),
    {
      first: 100 + (index % 50),
      // Declared (and used), and undeclared: both random, both large.
      after: randomBytes(PAD_CHARS / 2).toString('hex'),
      junk: randomBytes(PAD_CHARS / 2).toString('hex'),
    },
    { token: null },
  );
  expect(status).toBe(400);
  expect(body.errors?.[0]?.extensions?.code).toBe('SLACK_CALL_BUDGET_EXCEEDED');
}

describe('the operation-cost memo under random variables', () => {
  it(`keeps the heap flat over ${REQUESTS} requests with distinct ~80 KB variables, without a token`, async () => {
    await runConcurrently(100, 8, attack);
    const before = heapAfterGc();
    await runConcurrently(REQUESTS, 8, (index) => attack(index + 100));
    const after = heapAfterGc();
    const growth = after - before;
    console.log(`estimate memo: heap ${mib(before)} -> ${mib(after)} after ${REQUESTS} requests`);
    // Remembering every variable set would keep about 600 x 80 KB = 48 MB.
    expect(growth, `grew by ${mib(growth)}`).toBeLessThan(24 * 1024 * 1024);
    expect(gw.emulatorCalls().total).toBe(0);
  }, 60_000);

  it('still answers a repeated poll from the memo and refuses the same over-budget operation', async () => {
    const first = await gw.graphql(document(1), { first: 120 }, { token: SCENARIO_TOKENS.alice });
    const again = await gw.graphql(document(1), { first: 120 }, { token: SCENARIO_TOKENS.alice });
    expect(again.body).toEqual(first.body);
    expect(gw.emulatorCalls().total).toBe(0);
  });
});

describe('estimateKey and the memo bound', () => {
  const operation = (text: string) => {
    const parsed = parse(text);
    const definition = parsed.definitions[0];
    if (definition?.kind !== 'OperationDefinition') throw new Error('not an operation');
    return { parsed, definition };
  };

  it('ignores undeclared variables and refuses large or deep values', () => {
    const { parsed, definition } = operation('query Q($first: Int) { __typename }');
    const plain = estimateKey(parsed, definition, { first: 5 });
    expect(estimateKey(parsed, definition, { first: 5, junk: 'x'.repeat(10_000) })).toBe(plain);
    expect(estimateKey(parsed, definition, { first: 'x'.repeat(MAX_MEMO_KEY_CHARS) })).toBe(
      undefined,
    );
    let deep: unknown = 1;
    for (let level = 0; level < 45_000; level++) deep = [deep];
    expect(estimateKey(parsed, definition, { first: deep })).toBe(undefined);
  });

  it('keys an ID or String variable by whether it coerces, not by its value', () => {
    const { parsed, definition } = operation(
      'query Q($id: ID!, $name: String, $ids: [ID!]!) { __typename }',
    );
    const key = (variables: Record<string, unknown>) =>
      estimateKey(parsed, definition, { ids: ['C1'], ...variables });
    const one = key({ id: 'C1', name: 'general' });
    expect(key({ id: 'C2', name: 'random' })).toBe(one);
    expect(key({ id: 42, name: 'x'.repeat(MAX_MEMO_KEY_CHARS) })).toBe(one);
    // Values that do not coerce, and null, are keyed apart (their estimates may differ).
    expect(key({ id: 1.5, name: 'general' })).not.toBe(one);
    expect(key({ id: true, name: 'general' })).not.toBe(one);
    expect(key({ id: 'C1', name: 7 })).not.toBe(one);
    expect(key({ id: 'C1', name: null })).not.toBe(one);
    // A list's length can change the estimate (`nodes(ids:)`): its values stay in the key.
    expect(key({ id: 'C1', name: 'general', ids: ['C1', 'C2'] })).not.toBe(one);
  });

  it('forgets the least recently used entries beyond its byte bound', () => {
    const memo = createEstimateMemo(10_000);
    for (let index = 0; index < 1_000; index++) memo.remember(`key-${index}`, index);
    expect(memo.bytes).toBeLessThanOrEqual(10_000);
    expect(memo.lookup('key-999')).toBe(999);
    expect(memo.lookup('key-0')).toBe(null);
  });
});
