import { readdir, readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { type DocumentNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceToken } from '../../src/emulator/state/workspace-file.js';
import { schema } from '../../src/graphql/schema.js';
import { requiredScopes } from '../../src/operation-cost/scopes.js';
import { SCENARIO_IDS, scenarioWorkspace } from '../fixtures/scenario-workspace.js';
import { type GraphQLBody, startTestGateway, type TestGateway } from '../helpers/gateway.js';

const OPERATIONS_DIR = new URL('../../examples/operations/', import.meta.url);
const VARIABLES = { id: SCENARIO_IDS.conversations.general, topic: 'Least privilege' };
const ALICE = SCENARIO_IDS.users.alice;

/** Every scope a token in these tests may hold: what a grant is drawn from. */
const ALL_SCOPES = [
  'channels:read',
  'channels:history',
  'channels:write',
  'channels:write.topic',
  'groups:read',
  'users:read',
  'team:read',
];

/** Alice's token holding exactly `scopes` (its name lists them, so every set has one token). */
function tokenFor(scopes: readonly string[]): string {
  return `xoxp-scopes-${[...scopes].sort().join('+') || 'none'}`;
}

/** Every subset of `ALL_SCOPES` as a token of Alice: the emulator checks each call against it. */
function tokens(): WorkspaceToken[] {
  const subsets: string[][] = [[]];
  for (const scope of ALL_SCOPES) {
    for (const subset of [...subsets]) subsets.push([...subset, scope]);
  }
  return subsets.map((scopes) => ({ token: tokenFor(scopes), user_id: ALICE, scopes }));
}

/** The MISSING_SCOPE failures of a response: top-level errors and MissingScopeError payloads. */
function missingScopes(body: GraphQLBody<unknown>): string[] {
  const needed: string[] = [];
  for (const error of body.errors ?? []) {
    const slack = error.extensions?.slack as { needed?: string } | undefined;
    if (error.extensions?.code === 'MISSING_SCOPE') needed.push(slack?.needed ?? '');
  }
  JSON.stringify(body.data ?? null, (key, value) => {
    if (key === 'needed' && typeof value === 'string') needed.push(value);
    return value;
  });
  return needed;
}

describe('the least scopes of an operation, proven on the emulator', () => {
  let gw: TestGateway;
  let examples: Array<{ name: string; document: DocumentNode; source: string }>;

  beforeAll(async () => {
    const workspace = scenarioWorkspace();
    workspace.tokens = [...workspace.tokens, ...tokens()];
    gw = await startTestGateway({ workspace });
    const names = (await readdir(OPERATIONS_DIR)).filter((name) => name.endsWith('.graphql'));
    examples = await Promise.all(
      names.map(async (name) => {
        const source = await readFile(new URL(name, OPERATIONS_DIR), 'utf8');
        return { name, source, document: parse(source) };
      }),
    );
  });

  afterAll(async () => {
    await gw?.close();
  });

  const run = (source: string, scopes: readonly string[]) =>
    gw.graphql(source, source.includes('$topic') ? VARIABLES : { id: VARIABLES.id }, {
      token: tokenFor(scopes),
    });

  it('runs each example with exactly its computed scopes, and fails naming each one removed', async () => {
    const computed: Record<string, string[]> = {};
    for (const { name, document, source } of examples) {
      const { scopes } = requiredScopes(schema, [document], 'user');
      computed[name] = scopes;
      expect(scopes.every((scope) => ALL_SCOPES.includes(scope))).toBe(true);
      const exact = await run(source, scopes);
      expect({ name, errors: exact.body.errors, missing: missingScopes(exact.body) }).toEqual({
        name,
        errors: undefined,
        missing: [],
      });
      for (const removed of scopes) {
        const fewer = await run(
          source,
          scopes.filter((scope) => scope !== removed),
        );
        const missing = missingScopes(fewer.body);
        expect({
          name,
          removed,
          named: missing.some((needed) => needed.split(',').includes(removed)),
        }).toEqual({
          name,
          removed,
          named: true,
        });
      }
    }
    expect(computed).toEqual({
      'channel-directory.graphql': ['channels:read'],
      'channel-page.graphql': ['channels:history', 'channels:read', 'users:read'],
      'my-conversations.graphql': ['channels:read', 'users:read'],
      'set-topic.graphql': ['channels:write.topic'],
      'thread.graphql': ['channels:history', 'channels:read'],
    });
  });

  it('holds for generated queries: the computed scopes suffice and each is needed', async () => {
    const leaf = fc.constantFrom('id', 'name', 'isArchived', 'isMember', 'numMembers');
    const user = fc.constantFrom('{ id }', '{ id name }', '{ realName }');
    const message = fc.constantFrom('{ ts }', '{ ts text }', `{ ts user ${'{ name }'} }`);
    const conversationPart = fc.oneof(
      leaf,
      user.map((selection) => `members(first: 2) { edges { node ${selection} } }`),
      message.map((selection) => `messages(first: 2) { edges { node ${selection} } }`),
      user.map((selection) => `creator ${selection}`),
    );
    const conversationSelection = fc
      .uniqueArray(conversationPart, { minLength: 1, maxLength: 3 })
      .map((parts) => `{ ${parts.join(' ')} }`);
    const root = fc.oneof(
      conversationSelection.map((selection) => `conversation(id: $id) ${selection}`),
      conversationSelection.map(
        (selection) => `conversations(first: 2) { edges { node ${selection} } }`,
      ),
      conversationSelection.map(
        (selection) => `viewer { conversations(first: 2) { edges { node ${selection} } } }`,
      ),
      user.map((selection) => `viewer { user ${selection} }`),
      fc.constant('viewer { team { id domain } }'),
    );
    const operation = fc.uniqueArray(root, { minLength: 1, maxLength: 2 }).map((fields) => {
      const body = fields.join(' ');
      return `query Generated${body.includes('$id') ? '($id: ID!)' : ''} { ${body} }`;
    });

    await fc.assert(
      fc.asyncProperty(operation, async (source) => {
        const { scopes, revealing } = requiredScopes(schema, [parse(source)], 'user');
        const exact = await run(source, scopes);
        expect(exact.body.errors).toBeUndefined();
        // A revealing scope (team:read for an Enterprise org's domain) is not needed everywhere.
        for (const removed of scopes.filter((scope) => !revealing.includes(scope))) {
          const fewer = await run(
            source,
            scopes.filter((scope) => scope !== removed),
          );
          expect(
            missingScopes(fewer.body).some((needed) => needed.split(',').includes(removed)),
          ).toBe(true);
        }
      }),
      { numRuns: 25, seed: 17 },
    );
  });
});
