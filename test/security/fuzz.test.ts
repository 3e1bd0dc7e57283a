import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

let gw: TestGateway;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
}

async function post(body: string, contentType = 'application/json'): Promise<Answer> {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      accept: 'application/graphql-response+json, application/json',
      authorization: `Bearer ${SCENARIO_TOKENS.alice}`,
    },
    body,
  });
  const text = await response.text();
  let parsed: Answer['body'] = {};
  try {
    parsed = JSON.parse(text) as Answer['body'];
  } catch {
    // An empty or non-JSON body fails the checks below.
  }
  return { status: response.status, body: parsed };
}

/**
 * No 5xx, and every error is a GraphQL error with a message and an `extensions.code`; none is
 * a masked crash (INTERNAL_SERVER_ERROR).
 */
function expectTyped({ status, body }: Answer): void {
  expect(status).toBeLessThan(500);
  if (status !== 200) expect(body.errors?.length).toBeGreaterThan(0);
  for (const error of body.errors ?? []) {
    expect(typeof error.message).toBe('string');
    expect(typeof error.extensions?.code).toBe('string');
    expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  }
}

const graphqlRequest = (query: string, variables?: unknown): Promise<Answer> =>
  post(JSON.stringify({ query, variables }));

/** Pieces of GraphQL, stitched at random into mostly invalid, sometimes valid documents. */
const token = fc.constantFrom(
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$',
  '@',
  '...',
  '!',
  '=',
  '"',
  '"""',
  '#',
  ',',
  '|',
  '&',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'conversations',
  'conversation',
  'viewer',
  'user',
  'node',
  'nodes',
  'edges',
  'node',
  'id',
  'name',
  'members',
  'messages',
  'first',
  'after',
  '__typename',
  '__schema',
  'types',
  'PUBLIC_CHANNEL',
  'IM',
  'skip',
  'include',
  'if',
  'true',
  'null',
  '1',
  '-1',
  '1.5',
  '1e309',
  '"C0GENERAL"',
  'a',
  'b',
  '$x',
  '\\u0000',
);
const document = fc.oneof(
  fc.array(token, { maxLength: 60 }).map((parts) => parts.join(' ')),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);
const anyId = fc.oneof(
  fc.constantFrom(
    ...Object.values(SCENARIO_IDS.conversations).flat(),
    ...Object.values(SCENARIO_IDS.users),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 10_000, maxLength: 20_000 }),
  fc.constantFrom(
    '',
    ' ',
    'C0GENERAL\u0000',
    '../../api/auth.test',
    'C0GENERAL&token=x',
    '%00',
    '\u202e',
  ),
);
const first = fc.oneof(
  fc.integer(),
  fc.integer({ min: -5, max: 1_005 }),
  fc.double(),
  fc.constantFrom(0, -1, 1_000, 1_001, 2 ** 31, 2 ** 53, -(2 ** 31), 1.5, '5', true, null, [], {}),
);
const cursor = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.base64String({ maxLength: 80 }),
  fc
    .tuple(fc.base64String({ maxLength: 40 }), fc.base64String({ maxLength: 30 }))
    .map(([a, b]) => `${a}.${b}`),
  fc.constantFrom(null, 1, {}, ['x']),
);

describe('fuzzing the gateway', () => {
  it(
    'answers random and malformed documents with typed errors, never a 5xx',
    () =>
      fc.assert(
        fc.asyncProperty(document, async (query) => {
          expectTyped(await graphqlRequest(query));
        }),
        { numRuns: 300, seed: 61 },
      ),
    120_000,
  );

  it(
    'answers random variables, first values and cursors with typed errors',
    () =>
      fc.assert(
        fc.asyncProperty(first, cursor, fc.anything(), async (firstValue, after, extra) => {
          expectTyped(
            await graphqlRequest(
              `query($first: Int, $after: String, $types: [ConversationType!]) {
              conversations(first: $first, after: $after, types: $types) { edges { cursor node { id } } pageInfo { endCursor } }
              viewer { conversations(first: $first, after: $after) { edges { node { id } } } }
            }`,
              { first: firstValue, after, types: extra },
            ),
          );
        }),
        { numRuns: 200, seed: 62 },
      ),
    120_000,
  );

  it(
    'answers random, unicode and huge IDs with typed errors',
    () =>
      fc.assert(
        fc.asyncProperty(anyId, fc.array(anyId, { maxLength: 3 }), async (id, ids) => {
          expectTyped(
            await graphqlRequest(
              `query($id: ID!, $ids: [ID!]!) {
              conversation(id: $id) { id name members(first: 2) { edges { node { id name } } } }
              user(id: $id) { id name }
              node(id: $id) { id }
              nodes(ids: $ids) { id }
            }`,
              { id, ids },
            ),
          );
        }),
        { numRuns: 150, seed: 63 },
      ),
    120_000,
  );

  it(
    'answers literal arguments of every kind inside the document with typed errors',
    () =>
      fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.integer(),
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.constant('99999999999999999999'),
          ),
          fc.string({ unit: 'grapheme', maxLength: 50 }),
          async (number, text) => {
            expectTyped(
              await graphqlRequest(
                `{ conversations(first: ${number}) { edges { node { id } } }
                 conversation(id: ${JSON.stringify(text)}) { messages(first: 1, oldest: ${JSON.stringify(text)}) { edges { node { ts } } } } }`,
              ),
            );
          },
        ),
        { numRuns: 150, seed: 64 },
      ),
    120_000,
  );

  it(
    'answers malformed request bodies with typed errors',
    () =>
      fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 200 }),
            fc.json({ maxDepth: 3 }),
            fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify({ query: value })),
            fc
              .jsonValue({ maxDepth: 3 })
              .map((value) =>
                JSON.stringify({ query: '{ __typename }', variables: value, operationName: value }),
              ),
          ),
          fc.constantFrom(
            'application/json',
            'application/graphql+json',
            'application/json; charset=utf-16',
          ),
          async (body, contentType) => {
            expectTyped(await post(body, contentType));
          },
        ),
        { numRuns: 200, seed: 65 },
      ),
    120_000,
  );

  it('answers deeply nested variables (under 100 KB) with typed errors', async () => {
    // Issue 13, item 6: 45,000 levels overflowed the stack in the cost estimate (HTTP 500).
    const deepArray = `${'['.repeat(45_000)}1${']'.repeat(45_000)}`;
    const deepObject = `${'{"a":'.repeat(16_000)}1${'}'.repeat(16_000)}`;
    const documents = [
      'query Q($first: Int) { conversations(first: $first) { edges { node { id } } } }',
      'query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      'query Q($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
      'query Q($id: ID!) { conversation(id: $id) { id } }',
    ];
    const names = ['first', 'ids', 'r', 'id', 'undeclared'];
    for (const query of documents) {
      for (const name of names) {
        for (const deep of [deepArray, deepObject, `[${deepObject}]`]) {
          const body = `{"query":${JSON.stringify(query)},"variables":{"${name}":${deep}}}`;
          expect(body.length).toBeLessThan(102_400);
          expectTyped(await post(body));
        }
      }
    }
  });

  it('answers hostile entity representations with typed errors', async () => {
    const query = 'query Q($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
    const hostile: unknown[] = [
      { __typename: 'Conversation' },
      { __typename: 'Conversation', id: 5 },
      { __typename: 'Conversation', id: { nested: true } },
      { __typename: 'Nope', id: 'C1' },
      { __typename: 'Query', id: 'C1' },
      { __typename: '_Service', id: 'C1' },
      { __typename: '__proto__', id: 'C1' },
      { __typename: 'constructor', id: 'C1' },
      { __typename: 'toString', id: 'C1' },
      JSON.parse('{"__proto__": {"polluted": true}, "__typename": "User", "id": "U1"}'),
      { __typename: 'User', id: 'U0ALICE', __proto__: { id: 'x' } },
      { __typename: 'Team' },
      [],
      'Conversation',
    ];
    for (const representation of hostile) {
      expectTyped(await post(JSON.stringify({ query, variables: { r: [representation] } })));
    }
    expectTyped(await post(JSON.stringify({ query, variables: { r: hostile } })));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps answering after the fuzzing', async () => {
    const { body } = await gw.graphql<{ conversation: { id: string } }>(
      `{ conversation(id: "${SCENARIO_IDS.conversations.general}") { id } }`,
    );
    expect(body.data?.conversation.id).toBe(SCENARIO_IDS.conversations.general);
  });
});
