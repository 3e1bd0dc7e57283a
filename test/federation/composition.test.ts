import { readFile } from 'node:fs/promises';
import { composeServices } from '@apollo/composition';
import {
  type ConstDirectiveNode,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  print,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  composeExample,
  PROJECTS_SUBGRAPH_FILE,
  SUPERGRAPH_FILE,
} from '../../examples/supergraph/compose.js';
import { printedSchema } from '../../src/graphql/print-schema.js';

async function subgraphs() {
  return [
    { name: 'slack', url: 'http://127.0.0.1:4000/graphql', typeDefs: parse(printedSchema()) },
    {
      name: 'projects',
      url: 'http://127.0.0.1:4001/graphql',
      typeDefs: parse(await readFile(PROJECTS_SUBGRAPH_FILE, 'utf8')),
    },
  ];
}

function objectType(sdl: string, name: string): ObjectTypeDefinitionNode {
  const found = parse(sdl).definitions.find(
    (definition): definition is ObjectTypeDefinitionNode =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === name,
  );
  if (!found) throw new Error(`no type ${name}`);
  return found;
}

const printed = (directives: readonly ConstDirectiveNode[] | undefined) =>
  (directives ?? []).map((directive) => print(directive));

describe('composing this subgraph into a supergraph (@apollo/composition)', () => {
  it('composes with a second Relay-style subgraph with no errors and no hints', async () => {
    const result = composeServices(await subgraphs());
    expect(result.errors).toBeUndefined();
    expect(result.hints).toEqual([]);
  });

  it('makes Conversation, User and Team entities keyed by their Slack ID, extended by the other subgraph', async () => {
    const result = composeServices(await subgraphs());
    const sdl = result.supergraphSdl ?? '';
    expect(printed(objectType(sdl, 'Conversation').directives)).toEqual(
      expect.arrayContaining([
        '@join__type(graph: SLACK, key: "id")',
        '@join__type(graph: PROJECTS, key: "id")',
      ]),
    );
    expect(printed(objectType(sdl, 'User').directives)).toEqual(
      expect.arrayContaining([
        '@join__type(graph: SLACK, key: "id")',
        '@join__type(graph: PROJECTS, key: "id")',
      ]),
    );
    expect(printed(objectType(sdl, 'Team').directives)).toEqual([
      '@join__type(graph: SLACK, key: "id")',
      '@cost(weight: 0)',
    ]);
    const conversationFields = objectType(sdl, 'Conversation').fields ?? [];
    const projects = conversationFields.find((field) => field.name.value === 'projects');
    expect(printed(projects?.directives)).toEqual(['@join__field(graph: PROJECTS)']);
  });

  it('shares PageInfo and the Node interface, and keeps Query.node and Query.nodes in this subgraph', async () => {
    const sdl = composeServices(await subgraphs()).supergraphSdl ?? '';
    expect(printed(objectType(sdl, 'PageInfo').directives)).toEqual([
      '@join__type(graph: PROJECTS)',
      '@join__type(graph: SLACK)',
      '@cost(weight: 0)',
    ]);
    const query = objectType(sdl, 'Query').fields ?? [];
    for (const name of ['node', 'nodes']) {
      const field = query.find((candidate) => candidate.name.value === name);
      expect(printed(field?.directives)).toEqual([
        '@join__field(graph: SLACK)',
        '@cost(weight: 1)',
      ]);
    }
  });

  it('refuses a second subgraph that also defines Query.node, which is why only this one may', async () => {
    const [slack, projects] = await subgraphs();
    if (!slack || !projects) throw new Error('two subgraphs expected');
    const withNode = (await readFile(PROJECTS_SUBGRAPH_FILE, 'utf8')).replace(
      'type Query {',
      'type Query {\n  node(id: ID!): Node',
    );
    const result = composeServices([slack, { ...projects, typeDefs: parse(withNode) }]);
    expect(result.errors?.map((error) => error.extensions.code)).toContain('INVALID_FIELD_SHARING');
  });

  it('keeps examples/supergraph/supergraph.graphql what `npm run supergraph` composes', async () => {
    expect(await readFile(SUPERGRAPH_FILE, 'utf8')).toBe(await composeExample());
  });
});
