import { GraphQLError } from 'graphql';
import {
  SlackError,
  SlackHttpError,
  SlackPlatformError,
  SlackRateLimitedError,
  SlackRequestError,
} from './slack/errors.js';

/**
 * Every `extensions.code` the gateway itself sets (docs/schema.md lists them; a test keeps the
 * two equal). Slack's own codes pass through upper-cased (`CHANNEL_NOT_FOUND`).
 */
export const GATEWAY_ERROR_CODES = [
  'UNAUTHENTICATED',
  'BAD_USER_INPUT',
  'UPSTREAM_UNAVAILABLE',
  'RATE_LIMITED',
  'SLACK_CALL_BUDGET_EXCEEDED',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_FIELDS',
  'TOO_MANY_TOKENS',
  'CSRF_REJECTED',
  'PERSISTED_QUERY_ONLY',
  'INTERNAL_SERVER_ERROR',
] as const;
export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

/** Slack's error code upper-cased, as `extensions.code` carries it (see `slackErrorToGraphQLError`). */
type UpperSlackCode = Uppercase<string> & { readonly upperSlackCode: true };

/** What a client can read from `extensions.slack` when Slack refused a call. */
export interface SlackErrorExtension {
  error: string;
  method: string;
  needed?: string;
  provided?: string;
}

/**
 * An error shown to clients as is (yoga masks every error that is not a GraphQLError).
 * `extensions.code` is a gateway code or Slack's code upper-cased.
 */
export class GatewayError extends GraphQLError {
  constructor(
    message: string,
    code: GatewayErrorCode | UpperSlackCode,
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'GatewayError';
  }
}

/** A client-side mistake (bad cursor, bad pagination arguments, invalid input). */
export function badUserInput(message: string): GatewayError {
  return new GatewayError(message, 'BAD_USER_INPUT');
}

/** The request brought no Slack token and the gateway has no default one. */
export function unauthenticated(): GatewayError {
  return new GatewayError(
    'No Slack token: send "Authorization: Bearer <token>" or configure SLACK_TOKEN.',
    'UNAUTHENTICATED',
  );
}

/**
 * The one place a Slack failure becomes a GraphQL error. Returns `undefined` for anything that
 * is not a SlackError, so callers can mask it.
 */
export function slackErrorToGraphQLError(error: unknown): GatewayError | undefined {
  if (error instanceof SlackPlatformError) {
    const slack: SlackErrorExtension = { error: error.error, method: error.method };
    if (typeof error.data.needed === 'string') slack.needed = error.data.needed;
    if (typeof error.data.provided === 'string') slack.provided = error.data.provided;
    return new GatewayError(
      `Slack ${error.method} failed: ${error.error}`,
      error.error.toUpperCase() as UpperSlackCode,
      {
        slack,
      },
    );
  }
  if (error instanceof SlackRateLimitedError) {
    return new GatewayError(
      `Slack rate-limited ${error.method}; retry after ${error.retryAfter}s.`,
      'RATE_LIMITED',
      { retryAfter: error.retryAfter, slack: { error: 'ratelimited', method: error.method } },
    );
  }
  if (error instanceof SlackHttpError || error instanceof SlackRequestError) {
    return new GatewayError(`Slack is unavailable (${error.method}).`, 'UPSTREAM_UNAVAILABLE', {
      slack: { method: error.method },
    });
  }
  if (error instanceof SlackError) {
    return new GatewayError(`Slack call failed (${error.method}).`, 'UPSTREAM_UNAVAILABLE');
  }
  return undefined;
}
