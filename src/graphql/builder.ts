import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import type { GraphQLContext } from './context-type.js';
import { SLACK_COST_DIRECTIVES_PLUGIN } from './cost-directives.js';
import { decodeGlobalId, encodeGlobalId } from './global-id.js';
import {
  calls,
  HISTORY_BY_ID,
  READ_BY_ID,
  type ScopeNeed,
  slackField,
  USERS_READ,
} from './slack-cost.js';

/** What looking up an object by ID needs, per type it may turn out to be. */
export const LOOKUP_SCOPES: ScopeNeed = {
  byType: { Conversation: READ_BY_ID, User: USERS_READ, Message: HISTORY_BY_ID },
};

/** What a federation router sends to `_entities`: the type and its `@key` fields. */
export interface EntityRepresentation {
  __typename: string;
  [field: string]: unknown;
}

/**
 * The one SchemaBuilder. Fields are non-null unless declared `nullable`. Node IDs use the custom
 * codec of global-id.ts (Slack IDs as is); connections are forward-only, so `last`/`before` are
 * documented as unsupported and refused at resolve time with BAD_USER_INPUT. The federation
 * plugin (after the plugins that wrap resolvers) makes it an Apollo Federation v2 subgraph;
 * `PageInfo` is `@shareable` so other Relay-style subgraphs can define it too.
 * @see https://pothos-graphql.dev/docs/plugins/relay
 * @see https://pothos-graphql.dev/docs/plugins/federation
 */
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    ID: { Input: string; Output: string };
    /** Federation's entity representation (`{ __typename, id }`), only in `_entities`. */
    _Any: { Input: EntityRepresentation; Output: EntityRepresentation };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [
    ErrorsPlugin,
    RelayPlugin,
    // Before the directives plugin, which turns what it adds into the SDL's directives.
    SLACK_COST_DIRECTIVES_PLUGIN,
    DirectivesPlugin,
    FederationPlugin,
  ],
  // Mutations list their own error types (src/graphql/types/mutation-errors.ts).
  errors: { defaultTypes: [] },
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // Declared in types/query.ts, so that one ID that does not resolve nulls only its entry.
    nodesQueryOptions: false,
    pageInfoTypeOptions: { shareable: true },
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    nodeQueryOptions: slackField({
      cost: calls(1, { conversation: 'info', user: 'loaded' }),
      scopes: LOOKUP_SCOPES,
    }),
    firstArgOptions: {
      description: 'How many items to return (default 100, at most 1000).',
    },
    afterArgOptions: {
      description: 'Resume after this edge cursor (any `cursor` or `pageInfo.endCursor`).',
    },
    lastArgOptions: {
      description: 'Not supported: Slack cursors are forward-only (BAD_USER_INPUT).',
    },
    beforeArgOptions: {
      description: 'Not supported: Slack cursors are forward-only (BAD_USER_INPUT).',
    },
  },
});

/** The query root's ref, for fields that return it (e.g. a mutation payload's `query`). */
export const QueryRoot = builder.queryType({});
