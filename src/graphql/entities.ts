import { printSubgraphSchema } from '@apollo/subgraph';
import { entitiesResolver } from '@apollo/subgraph/dist/types.js';
import { badUserInput } from '../errors.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context-type.js';
import { selectedFieldNames } from './selection.js';
import { lookups, READ_BY_ID, slackField, USERS_READ } from './slack-cost.js';
import { ConversationRef, TeamRef, type TeamSource, UserRef } from './types/refs.js';
import { teamOfAuth } from './types/team.js';

/**
 * The Apollo Federation version this subgraph declares: v2.9 brings the cost directives
 * (`@cost`, `@listSize`: src/graphql/cost-directives.ts).
 */
export const FEDERATION_LINK = {
  name: 'link',
  args: {
    url: 'https://specs.apollo.dev/federation/v2.9',
    import: ['@key', '@shareable', '@cost', '@listSize'],
  },
};

/** Every entity's key: its Slack ID, which is also its `id` field. */
const slackIdKey = builder.selection<{ id: string }>('id');

/*
 * Entities: a supergraph's other subgraphs may return these types by Slack ID alone, and the
 * router asks `_entities` for the rest. References load through the request's loaders exactly
 * as `node(id:)` does, so IDs asked together share the loaders' batches, an ID costs at most one
 * Slack lookup per request, and one a list already returned costs none. Many conversations (or
 * users) asked together are read from conversations.list (users.list) pages when that is cheaper
 * than one info call each (src/loaders/conversation-scan.ts). An ID the token cannot see is
 * `null` with Slack's code (`CHANNEL_NOT_FOUND`, `USER_NOT_FOUND`, `TEAM_NOT_FOUND`), which
 * conversations.info (users.info, team.info) reports for it.
 */
builder.asEntity(ConversationRef, {
  key: slackIdKey,
  // As `conversation(id:)`: ask for `num_members` / `locale` in the one call when selected.
  resolveReference: ({ id }, context, info) => {
    const selected = selectedFieldNames(info);
    return context.loaders.conversations.load(id, {
      numMembers: selected.has('numMembers'),
      locale: selected.has('locale'),
    });
  },
});
builder.asEntity(UserRef, {
  key: slackIdKey,
  resolveReference: async ({ id }, context) => ({ id, data: await context.loaders.users.load(id) }),
});
builder.asEntity(TeamRef, {
  key: slackIdKey,
  resolveReference: ({ id }, context) => loadTeam(id, context),
});

/**
 * The caller's own workspace costs only `auth.test` (its `url` holds the domain); any other
 * team is `team.info?team=`, which Slack answers only for teams the token can see.
 * @see https://docs.slack.dev/reference/methods/team.info
 */
async function loadTeam(id: string, context: GraphQLContext): Promise<TeamSource> {
  const auth = await context.loaders.authTest();
  if (auth.team_id === id) return teamOfAuth(auth);
  const team = await context.loaders.teamInfo(id);
  return { id: team.id, name: team.name, domain: team.domain, complete: true };
}

/*
 * The federation subgraph fields (`_entities`, `_service`) are declared here rather than added
 * by the plugin's `toSubGraphSchema`: that rebuilds the `Query` type, and mutation payloads
 * reference `Query` (`payload.query`), so the rebuilt schema would hold two types named Query.
 * The fields behave exactly as `@apollo/subgraph` defines them.
 * @see https://www.apollographql.com/docs/graphos/reference/federation/subgraph-spec
 */
/** The entity types this subgraph resolves by key. */
const ENTITY_TYPES: ReadonlySet<string> = new Set(['Conversation', 'User', 'Team']);

const AnyScalar = builder.scalarType('_Any', {
  serialize: (value) => value,
  // Only `{ __typename, id }` of a known entity goes on: anything else (no id, an unknown or
  // inherited type name such as `__proto__`, an id that is not a string) is the client's error.
  parseValue: (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw badUserInput('An entity representation must be an object with a __typename and an id.');
    }
    const typename = Object.hasOwn(value, '__typename')
      ? (value as { __typename?: unknown }).__typename
      : undefined;
    if (typeof typename !== 'string' || !ENTITY_TYPES.has(typename)) {
      throw badUserInput(`__typename must be one of ${[...ENTITY_TYPES].join(', ')}.`);
    }
    const id = Object.hasOwn(value, 'id') ? (value as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') throw badUserInput('An entity representation needs a string id.');
    return { __typename: typename, id };
  },
});

const EntityUnion = builder.unionType('_Entity', {
  types: [ConversationRef, TeamRef, UserRef],
  // entitiesResolver stamps each resolved reference with the representation's __typename.
  resolveType: (value) =>
    '__typename' in value && typeof value.__typename === 'string' ? value.__typename : null,
});

const ServiceRef = builder.objectRef<{ sdl: string }>('_Service').implement({
  fields: (t) => ({ sdl: t.exposeString('sdl', { nullable: true }) }),
});

let serviceSdl: string | undefined;

/**
 * `_service.sdl`: the SDL of the subgraph as built (what schema/schema.graphql holds), not of the
 * schema a server extends at runtime (yoga's @defer/@stream plugin adds directives). Imported on
 * first use because schema.ts imports this module.
 */
async function subgraphSdl(): Promise<string> {
  serviceSdl ??= printSubgraphSchema((await import('./schema.js')).schema);
  return serviceSdl;
}

builder.queryFields((t) => ({
  _entities: t.field({
    ...slackField({
      cost: lookups('representations'),
      // A team other than the caller's is team.info; the caller's own is auth.test.
      scopes: {
        byType: { Conversation: READ_BY_ID, User: USERS_READ, Team: { fixed: ['team:read'] } },
      },
    }),
    type: [EntityUnion],
    nullable: { list: false, items: true },
    args: { representations: t.arg({ type: [AnyScalar], required: true }) },
    resolve: (_root, { representations }, context, info) =>
      entitiesResolver({ representations, context, info }),
  }),
  _service: t.field({
    type: ServiceRef,
    resolve: async () => ({ sdl: await subgraphSdl() }),
  }),
}));
