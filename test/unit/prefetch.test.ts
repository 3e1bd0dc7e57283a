import { buildSchema, type FieldNode, type GraphQLResolveInfo, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GraphQLContext } from '../../src/graphql/context-type.js';
import { prefetchForListedConversations } from '../../src/graphql/prefetch.js';
import type { SlackConversation } from '../../src/slack/wire-types.js';

/**
 * The creators of a listed page are looked up as each edge is made, when the query selects
 * more of them than their `id`: one users batch that leaves with the nodes' pages.
 */
function creatorsLookedUp(query: string, conversations: Partial<SlackConversation>[]): string[] {
  const operation = parse(query).definitions[0];
  if (operation?.kind !== 'OperationDefinition') throw new Error('not an operation');
  const field = operation.selectionSet.selections[0] as FieldNode;
  // No Conversation type in this schema: only the creator lookup can start.
  const info = {
    fieldNodes: [field],
    schema: buildSchema('type Query { unused: Int }'),
    variableValues: {},
  } as unknown as GraphQLResolveInfo;
  const loaded: string[] = [];
  const context = {
    loaders: {
      users: {
        load: (id: string) => {
          loaded.push(id);
          return Promise.resolve();
        },
      },
    },
  } as unknown as GraphQLContext;
  const prefetch = prefetchForListedConversations(context, info);
  for (const conversation of conversations) prefetch?.(conversation as SlackConversation);
  return loaded;
}

const PAGE = [{ id: 'C1', creator: 'U1' }, { id: 'C2', creator: 'U2' }, { id: 'D1' }];

describe('prefetchForListedConversations', () => {
  it('looks up the creators a page names when the query selects their data', () => {
    expect(
      creatorsLookedUp('{ conversations { edges { node { creator { name } } } } }', PAGE),
    ).toEqual(['U1', 'U2']);
    expect(
      creatorsLookedUp(
        '{ conversations { edges { node { creator { id ... on User { title } } } } } }',
        PAGE,
      ),
    ).toEqual(['U1', 'U2']);
  });

  it('looks up nobody for `creator { id }`, a named fragment, or a field with directives', () => {
    for (const query of [
      '{ conversations { edges { node { name creator { id __typename } } } } }',
      '{ conversations { edges { node { creator { ...Creator } } } } } fragment Creator on User { name }',
      '{ conversations { edges { node { creator @include(if: true) { name } } } } }',
    ]) {
      expect(creatorsLookedUp(query, PAGE)).toEqual([]);
    }
  });
});
