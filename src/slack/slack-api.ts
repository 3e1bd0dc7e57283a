import type { SlackMethod } from './methods.js';
import type { SlackToken } from './slack-token.js';
import type { SlackEnvelope } from './wire-types.js';

/** Arguments of a Slack call; `undefined` values are dropped, booleans sent as `true`/`false`. */
export type SlackArgs = Readonly<Record<string, string | number | boolean | undefined>>;

/** How one call may be cut short. */
export interface SlackCallOptions {
  /**
   * Aborted when nobody waits for the answer any more (the client went away, the request's
   * deadline passed): a call still queued for rate budget leaves the queue unsent, one in flight
   * is cut, and no retry follows. The call then rejects with `SlackCallCancelledError`.
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * The tally of the request the call works for (`extensions.slackCost`): hears each HTTP
   * attempt and each read the cache answered instead of Slack. Passed down explicitly, not found
   * through async context: on Node 20 and 22 an `AsyncLocalStorage` in use turns on promise hooks
   * for every promise of the process, which cost the gateway about a third of its CPU per Slack
   * call.
   */
  readonly ledger?: SlackCallLedger | undefined;
  /**
   * Asked before each retry of `method`: false means the request's budget of Slack calls is
   * spent, and the last failure is thrown instead. @default every retry may go
   */
  readonly mayRetry?: ((method: string) => boolean) | undefined;
}

/** What a request hears of its Slack calls (src/operation-cost/slack-cost-ledger.ts). */
export interface SlackCallLedger {
  /** One HTTP attempt of `method`, after `rateLimitWaitMs` of waiting for rate budget. */
  attempted(method: string, rateLimitWaitMs: number): void;
  /** A read of cache type `type` answered without a Slack call of this request. */
  answeredFromCache(type: string): void;
}

/**
 * The gateway's one door to Slack. Loaders depend on this interface, never on undici, so tests
 * and the emulator plug in through the client's base URL, not through mocks of this type.
 */
export interface SlackApi {
  /**
   * Calls `method` with `token` and resolves with the `ok: true` body. Rejects with a SlackError
   * subclass (src/slack/errors.ts): `SlackPlatformError` for `ok: false`, `SlackRateLimitedError`,
   * `SlackHttpError`, `SlackRequestError`.
   * @see https://docs.slack.dev/apis/web-api
   */
  call<TResponse extends SlackEnvelope>(
    method: SlackMethod,
    args: SlackArgs,
    token: SlackToken,
    options?: SlackCallOptions,
  ): Promise<TResponse>;
}
