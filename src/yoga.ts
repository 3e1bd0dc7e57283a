import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { createYoga, maskError, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from './config.js';
import { createContext } from './context.js';
import { slackErrorToGraphQLError } from './errors.js';
import { graphiqlOptions } from './graphiql.js';
import type { GraphQLContext } from './graphql/context-type.js';
import { useSimpleRequestGuard } from './simple-request-guard.js';
import type { SlackApi } from './slack/slack-api.js';

/** The gateway's HTTP paths. */
export const GRAPHQL_PATH = '/graphql';
export const HEALTH_PATH = '/healthz';

export interface GatewayDependencies {
  schema: GraphQLSchema;
  /** The only door to Slack; the loaders of every request call through it. */
  slack: SlackApi;
  config: Pick<Config, 'defaultToken' | 'logLevel' | 'corsOrigins'>;
}

// biome-ignore lint/complexity/noBannedTypes: yoga's "no server context" type parameter is `{}`.
export type Gateway = YogaServerInstance<{}, GraphQLContext>;

/**
 * Builds the yoga instance (it never listens; see src/server.ts): per-request context, error
 * masking, GraphiQL with inlined assets (works offline), `GET /healthz`, CORS only for the
 * configured origins, and no form-encoded POSTs (cross-site request forgery).
 * @see https://the-guild.dev/graphql/yoga-server/docs/features/error-masking
 */
export function createGateway({ schema, slack, config }: GatewayDependencies): Gateway {
  return createYoga({
    schema,
    context: ({ request }) => createContext(request, { slack, defaultToken: config.defaultToken }),
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: HEALTH_PATH,
    landingPage: false,
    logging: config.logLevel === 'silent' ? false : config.logLevel,
    maskedErrors: { maskError: maskGatewayError, isDev: false },
    graphiql: graphiqlOptions,
    renderGraphiQL,
    // Off unless origins are listed: with a default token, a page on any origin could otherwise
    // read the caller's Slack data through the gateway.
    cors: config.corsOrigins.length > 0 ? { origin: [...config.corsOrigins] } : false,
    multipart: false,
    plugins: [useSimpleRequestGuard()],
  });
}

/**
 * yoga's `maskError`: Slack failures (found as `originalError`, e.g. a loader rejection) become
 * GatewayErrors through the one mapping in src/errors.ts, keeping the field's path and location;
 * GraphQLErrors thrown on purpose pass through; anything else is masked.
 */
export function maskGatewayError(error: unknown, message: string): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const mapped = slackErrorToGraphQLError(original);
  if (mapped === undefined) return maskError(error, message, false);
  if (!(error instanceof GraphQLError)) return mapped;
  return new GraphQLError(mapped.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: mapped,
    extensions: mapped.extensions,
  });
}
