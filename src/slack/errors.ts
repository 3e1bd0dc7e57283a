import type { SlackEnvelope } from './wire-types.js';

/**
 * Failures at the Slack boundary, modelled on @slack/web-api's errors: one class per kind, each
 * with a stable `name` and `code`. None of them ever holds a token.
 */
export abstract class SlackError extends Error {
  abstract readonly code: string;
  /** The Slack method that failed, e.g. `conversations.info`. */
  readonly method: string;

  constructor(method: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.method = method;
    this.name = new.target.name;
  }
}

/** Slack answered `ok: false`; `error` is Slack's own code (`channel_not_found`, ...). */
export class SlackPlatformError extends SlackError {
  readonly code = 'slack_platform_error';
  readonly error: string;
  readonly data: SlackEnvelope & Record<string, unknown>;
  /** SHA-256 of the token Slack refused (src/slack/slack-token.ts), so logs can group by token. */
  readonly tokenHash: string | undefined;

  constructor(method: string, data: SlackEnvelope & Record<string, unknown>, tokenHash?: string) {
    super(method, `${method} failed: ${data.error ?? 'unknown_error'}`);
    this.error = data.error ?? 'unknown_error';
    this.data = data;
    this.tokenHash = tokenHash;
  }
}

/** Slack answered HTTP 429; `retryAfter` is the `Retry-After` header in seconds. */
export class SlackRateLimitedError extends SlackError {
  readonly code = 'slack_rate_limited';

  /**
   * @param refusedBy `slack`: Slack answered 429; `gateway`: the gateway's own governor held
   *   the call back, so it was never sent.
   */
  constructor(
    method: string,
    readonly retryAfter: number,
    readonly refusedBy: 'slack' | 'gateway' = 'slack',
  ) {
    super(
      method,
      refusedBy === 'slack'
        ? `${method} was rate limited by Slack; retry after ${retryAfter}s`
        : `${method} was held back by the gateway's rate governor (not sent); retry after ${retryAfter}s`,
    );
  }
}

/** Slack answered with an unexpected HTTP status or a body that is not a Slack envelope. */
export class SlackHttpError extends SlackError {
  readonly code = 'slack_http_error';

  constructor(
    method: string,
    readonly statusCode: number,
    detail: string,
  ) {
    super(method, `${method} answered HTTP ${statusCode}: ${detail}`);
  }
}

/**
 * The call was abandoned because nobody waits for its answer (client gone, request deadline).
 * `sent`: it had reached the network, so a write's outcome is unknown.
 */
export class SlackCallCancelledError extends SlackError {
  readonly code = 'slack_call_cancelled';

  constructor(
    method: string,
    readonly sent: boolean,
  ) {
    super(method, `${method} was cancelled${sent ? ' in flight' : ' before it was sent'}`);
  }
}

/** The request never produced a response: connection refused or reset, timeout. */
export class SlackRequestError extends SlackError {
  readonly code = 'slack_request_error';
  /** Why no answer came: the socket error's code (`ECONNREFUSED`, `ETIMEDOUT`, …) or message. */
  readonly reason: string;

  /**
   * @param backendUrl the Slack API base URL the call went to (without credentials or query),
   *   so that the log and the client's error name the backend that did not answer.
   */
  constructor(
    method: string,
    cause: unknown,
    readonly backendUrl?: string,
  ) {
    const reason = describe(cause);
    const target = backendUrl === undefined ? '' : ` to ${backendUrl}`;
    super(method, `${method} request${target} failed: ${reason}`, { cause });
    this.reason = reason;
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return (cause as Error & { code?: string }).code ?? cause.message;
  return String(cause);
}
