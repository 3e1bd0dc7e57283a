import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  type PothosTypeConfig,
  type SchemaTypes,
} from '@pothos/core';
import {
  describeScopes,
  type SlackFieldCost,
  slackCostOf,
  slackObjectCostOf,
} from './slack-cost.js';

/**
 * Publishes each field's Slack-call declaration (and its scopes, in its description) (src/graphql/slack-cost.ts) as the cost
 * directives of Apollo Federation 2.9 / the IBM GraphQL cost specification, so a federation
 * router's demand control (Apollo Router, Hive Router…) refuses, before planning, what this
 * subgraph's own estimate would refuse:
 * - a field's own Slack calls are its `@cost(weight:)` (a connection's one page, a write's
 *   three calls, a lookup by ID's one);
 * - a connection is `@listSize(slicingArguments: ["first"], sizedFields: ["edges"])`, assuming
 *   the default `first` when none is given;
 * - object types weigh nothing (`@cost(weight: 0)`: the spec's default is 1 per object), except
 *   those whose objects may each cost a lookup (`User`, known by ID: users.info).
 * The spec cannot say that fields of one object share one call, so it counts a shared call at
 * each field that needs it: its estimate is never below the gateway's for the same operation
 * within a page (docs/cost.md).
 * @see https://ibm.github.io/graphql-specs/cost-spec.html
 * @see https://www.apollographql.com/docs/graphos/routing/security/demand-control
 */

/** A directive as the directives plugin holds it. */
interface DirectiveUse {
  name: string;
  args: Record<string, unknown>;
}

/** The cost directives `declaration` publishes. */
export function costDirectives(declaration: SlackFieldCost): DirectiveUse[] {
  const { cost } = declaration;
  switch (cost.kind) {
    case 'calls': {
      if (cost.calls === 0) return [];
      return [weight(cost.calls + (cost.env?.user === 'reference' ? 1 : 0))];
    }
    case 'connection':
      return [
        weight(1),
        {
          name: 'listSize',
          args: {
            assumedSize: cost.defaultFirst,
            slicingArguments: ['first'],
            sizedFields: ['edges'],
            requireOneSlicingArgument: false,
          },
        },
      ];
    case 'lookups':
    case 'message-conversation':
      return [weight(1)];
    case 'write':
      return [weight(cost.calls)];
    case 'shared':
      // A user's lookup is its type's weight; the other shared calls weigh on the field.
      if (cost.call === 'user') return [];
      return [weight(1 + (cost.env?.user === 'reference' ? 1 : 0))];
  }
}

function weight(value: number): DirectiveUse {
  return { name: 'cost', args: { weight: value } };
}

/** The directives already on a config, as a list (the plugin accepts a map or a list). */
function directiveList(directives: unknown): DirectiveUse[] {
  if (directives === undefined || directives === null) return [];
  if (Array.isArray(directives)) return directives as DirectiveUse[];
  return Object.entries(directives as Record<string, Record<string, unknown>>).map(
    ([name, args]) => ({ name, args }),
  );
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      slackCostDirectives: SlackCostDirectivesPlugin<Types>;
    }
  }
}

/** The Pothos plugin; list it before the directives and federation plugins. */
export class SlackCostDirectivesPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): PothosOutputFieldConfig<Types> {
    const declaration = slackCostOf(fieldConfig);
    if (declaration === undefined) return fieldConfig;
    const published = costDirectives(declaration);
    const scopes = declaration.scopes === undefined ? '' : describeScopes(declaration.scopes);
    return {
      ...fieldConfig,
      // The field's OAuth scopes, where clients read about fields (GraphiQL, codegen).
      description:
        scopes === ''
          ? fieldConfig.description
          : `${fieldConfig.description ? `${fieldConfig.description}\n\n` : ''}Slack scopes: ${scopes}.`,
      extensions: {
        ...fieldConfig.extensions,
        directives: [...directiveList(fieldConfig.extensions?.directives), ...published],
      },
    };
  }

  override onTypeConfig(typeConfig: PothosTypeConfig): PothosTypeConfig {
    if (typeConfig.kind !== 'Object') return typeConfig;
    return {
      ...typeConfig,
      extensions: {
        ...typeConfig.extensions,
        directives: [
          ...directiveList(typeConfig.extensions?.directives),
          weight(slackObjectCostOf(typeConfig)),
        ],
      },
    };
  }
}

export const SLACK_COST_DIRECTIVES_PLUGIN = 'slackCostDirectives';

SchemaBuilder.registerPlugin(SLACK_COST_DIRECTIVES_PLUGIN, SlackCostDirectivesPlugin);
