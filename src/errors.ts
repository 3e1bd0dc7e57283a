import { GraphQLError } from 'graphql';
import {
  SlackCallCancelledError,
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
  'DEADLINE_EXCEEDED',
  'HOST_NOT_ALLOWED',
  'SLACK_CALL_BUDGET_EXCEEDED',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_FIELDS',
  'TOO_MANY_TOKENS',
  'CSRF_REJECTED',
  'PERSISTED_QUERY_ONLY',
  'INTERNAL_SERVER_ERROR',
  'LIVE_EVENTS_OFF',
  'ACCESS_LOST',
  'SLOW_CONSUMER',
] as const;
export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

/** Slack's error code upper-cased, as `extensions.code` carries it (see `slackErrorToGraphQLError`). */
export type UpperSlackCode = Uppercase<string> & { readonly upperSlackCode: true };

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

/**
 * The request has no Slack token: no `Authorization` header and no default token, or a header
 * that is not `Bearer <token>` (which never falls back to the default token, so the fix is the
 * header, not SLACK_TOKEN, which would also switch demo mode off).
 */
export function unauthenticated(malformedAuthorization = false): GatewayError {
  return new GatewayError(
    malformedAuthorization
      ? 'The Authorization header is not "Bearer <token>": put "Bearer " before the Slack token.'
      : 'No Slack token: send "Authorization: Bearer <token>" or configure SLACK_TOKEN.',
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
    const message =
      error.refusedBy === 'slack'
        ? `Slack rate-limited ${error.method}; retry after ${error.retryAfter}s.`
        : `The gateway held back ${error.method} to keep within Slack's rate limit (the call was not sent); retry after ${error.retryAfter}s.`;
    return new GatewayError(message, 'RATE_LIMITED', {
      retryAfter: error.retryAfter,
      rateLimitedBy: error.refusedBy,
      slack: { error: 'ratelimited', method: error.method },
    });
  }
  if (error instanceof SlackCallCancelledError) {
    // Only a client still waiting reads this: the operation's deadline passed.
    return new GatewayError(
      `The operation's deadline passed before Slack answered ${error.method}.`,
      'DEADLINE_EXCEEDED',
      { slack: { method: error.method } },
    );
  }
  if (error instanceof SlackRequestError) {
    const backend = error.backendUrl === undefined ? 'its Slack backend' : error.backendUrl;
    return new GatewayError(
      `Slack is unavailable (${error.method}): the gateway got no answer from ${backend} (${error.reason}). Retry later; if it persists, the operator should check SLACK_API_URL.`,
      'UPSTREAM_UNAVAILABLE',
      { slack: { method: error.method } },
    );
  }
  if (error instanceof SlackHttpError) {
    return new GatewayError(
      `Slack is unavailable (${error.method}): the gateway could not get an answer from its Slack backend. Retry later; if it persists, the operator should check SLACK_API_URL and the gateway's log.`,
      'UPSTREAM_UNAVAILABLE',
      {
        slack: { method: error.method },
      },
    );
  }
  if (error instanceof SlackError) {
    return new GatewayError(`Slack call failed (${error.method}).`, 'UPSTREAM_UNAVAILABLE');
  }
  return undefined;
}
