import { readdir, readFile } from 'node:fs/promises';
import { composeServices } from '@apollo/composition';
import { buildSchema, type DocumentNode, type GraphQLSchema, Kind, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECTS_SUBGRAPH_FILE } from '../../examples/supergraph/compose.js';
import { printedSchema } from '../../src/graphql/print-schema.js';
import { estimateOf } from '../helpers/estimate.js';
import { specCost } from './cost-spec.js';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';

const OPERATIONS_DIR = new URL('../../examples/operations/', import.meta.url);

/** Values for the examples' variables. */
const VARIABLES = { id: 'C0GENERAL', topic: 'Budgets' };

describe('the published @cost and @listSize directives', () => {
  let supergraph: GraphQLSchema;
  let examples: Array<{ name: string; document: DocumentNode }>;

  beforeAll(async () => {
    const result = composeServices([
      { name: 'slack', url: 'http://127.0.0.1:4000/graphql', typeDefs: parse(printedSchema()) },
      {
        name: 'projects',
        url: 'http://127.0.0.1:4001/graphql',
        typeDefs: parse(await readFile(PROJECTS_SUBGRAPH_FILE, 'utf8')),
      },
    ]);
    expect(result.errors).toBeUndefined();
    supergraph = buildSchema(result.supergraphSdl ?? '', { assumeValidSDL: true });
    const names = (await readdir(OPERATIONS_DIR)).filter((name) => name.endsWith('.graphql'));
    examples = await Promise.all(
      names.map(async (name) => ({
        name,
        document: parse(await readFile(new URL(name, OPERATIONS_DIR), 'utf8')),
      })),
    );
  });

  it('survive composition: the supergraph links the cost spec and keeps each weight', () => {
    const query = supergraph.getQueryType();
    const conversations = query?.getFields().conversations?.astNode?.directives ?? [];
    expect(conversations.map((directive) => directive.name.value)).toEqual(
      expect.arrayContaining(['cost', 'listSize']),
    );
    expect(supergraph.getType('User')?.astNode?.directives?.map((d) => d.name.value)).toContain(
      'cost',
    );
    const mutation = supergraph.getMutationType()?.getFields().archiveConversation;
    const weight = mutation?.astNode?.directives?.find((d) => d.name.value === 'cost');
    expect(weight?.arguments?.[0]?.value).toMatchObject({ kind: Kind.INT, value: '3' });
  });

  it('give the spec algorithm over the supergraph the same estimate as ours, for every example operation', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    const compared = examples.map(({ name, document }) => ({
      name,
      ours: estimateOf(document, VARIABLES),
      spec: specCost(supergraph, document, VARIABLES),
    }));
    for (const { name, ours: estimate, spec } of compared) {
      expect({ name, spec }).toEqual({ name, spec: estimate });
    }
    expect(compared.every(({ ours: estimate }) => estimate > 0)).toBe(true);
  });

  it('never estimate below ours where fields share a call the spec cannot share', () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['{ conversations(first: 7) { edges { node { id numMembers lastRead } } } }', {}],
      ['{ conversation(id: "C1") { numMembers locale } }', {}],
      ['{ viewer { user { name } team { domain } } }', {}],
      ['{ conversation(id: "C1") { creator { id } } }', {}],
      ['query($n: Int) { conversations(first: $n) { edges { node { name } } } }', { n: 998 }],
    ];
    for (const [source, variables] of cases) {
      const document = parse(source);
      expect(specCost(supergraph, document, variables)).toBeGreaterThanOrEqual(
        estimateOf(document, variables),
      );
    }
  });
});
