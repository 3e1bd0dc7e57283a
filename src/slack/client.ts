import { setTimeout as sleep } from 'node:timers/promises';
import { type Dispatcher, Pool } from 'undici';
import { type CircuitBreaker, SlackCircuitOpenError } from './circuit-breaker.js';
import {
  SlackCallCancelledError,
  type SlackError,
  SlackHttpError,
  SlackPlatformError,
  SlackRateLimitedError,
  SlackRequestError,
} from './errors.js';
import { encodeForm } from './form.js';
import type { Governor, Permit } from './governor/governor.js';
import { responseShapeProblem } from './response-shape.js';
import {
  backoffDelayMs,
  defaultRetryPolicy,
  isReadMethod,
  type RetryPolicy,
  retryAfterMs,
} from './retry.js';
import type { SlackApi, SlackArgs, SlackCallOptions } from './slack-api.js';
import type { SlackToken } from './slack-token.js';
import type { SlackEnvelope } from './wire-types.js';

/** What the client reports about retries; messages never contain a token. */
export interface SlackClientLogger {
  warn(message: string): void;
  /** Retries after no answer at all (the call's final failure is logged once, elsewhere). */
  debug?(message: string): void;
}

export interface SlackClientOptions {
  /**
   * Base URL of the Web API; a method name is appended to it. Point it at the emulator in tests.
   * @default 'https://slack.com/api/'
   */
  baseUrl?: string;
  /**
   * Connections of the shared keep-alive pool to the base URL's origin; this caps the fan-out.
   * @default 10
   */
  maxConnections?: number;
  /**
   * Time limit of one attempt (connect, headers and body), in milliseconds.
   * @default 10_000
   */
  timeoutMs?: number;
  /**
   * Retry bounds and backoff; use `rapidRetryPolicy` in tests.
   * @default defaultRetryPolicy
   */
  retryPolicy?: RetryPolicy;
  /**
   * Sends requests through this dispatcher (e.g. an undici `MockAgent`) instead of an own `Pool`.
   * `close()` leaves an injected dispatcher open.
   */
  dispatcher?: Dispatcher;
  /** Receives one line per retry. @default no logging */
  logger?: SlackClientLogger;
  /** Jitter source in [0, 1). @default Math.random */
  random?: () => number;
  /**
   * Paces every attempt within its (workspace, method) budget (src/slack/governor). With it, a
   * 429 pauses the bucket and the retry waits in the bucket's queue instead of sleeping alone.
   * @default no pacing
   */
  governor?: Governor;
  /**
   * Fails attempts fast while the Slack host keeps failing (src/slack/circuit-breaker.ts).
   * @default none
   */
  circuitBreaker?: CircuitBreaker;
  /**
   * Receives the `X-OAuth-Scopes` header (the token's granted scopes) of every JSON answer, for
   * the user directory (src/cache/user-directory-scopes.ts). Never log the token. @default none
   */
  onGrantedScopes?: (token: SlackToken, scopes: string) => void;
}

/** A `SlackApi` over HTTP that owns a connection pool. */
export interface SlackClient extends SlackApi {
  /** Closes the pool after in-flight requests finish; later calls reject. Idempotent. */
  close(): Promise<void>;
}

const METHOD_NAME = /^[a-zA-Z]+(\.[a-zA-Z]+)+$/;

/** The outcome of one HTTP attempt. */
type Attempt =
  | { kind: 'ok'; data: SlackEnvelope }
  | { kind: 'rate-limited'; waitMs: number; error: SlackRateLimitedError }
  | { kind: 'failed'; error: SlackError; transient: boolean };

/** The attempt ran out of time; raised through the abort signal so undici stops the request. */
class AttemptTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';

  constructor(timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

/**
 * Creates the gateway's Slack client: every call is `POST <baseUrl><method>` with a form body
 * and `Authorization: Bearer`, over one shared keep-alive pool.
 * @see https://docs.slack.dev/apis/web-api
 */
export function createSlackClient({
  baseUrl = 'https://slack.com/api/',
  maxConnections = 10,
  timeoutMs = 10_000,
  retryPolicy = defaultRetryPolicy,
  dispatcher,
  logger,
  random = Math.random,
  governor,
  circuitBreaker,
  onGrantedScopes,
}: SlackClientOptions = {}): SlackClient {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  /** The base URL as errors name it: no credentials, no query. */
  const backendUrl = `${base.origin}${base.pathname}`;
  const pool = dispatcher ?? new Pool(base.origin, { connections: maxConnections });
  let closing: Promise<void> | undefined;

  /**
   * One HTTP attempt. Its `permit` is settled as soon as the status line is in: Slack counted the
   * call before it answered, so the governor's window may start there, not after the body has
   * been read and parsed (on a busy event loop that is many milliseconds later, and every
   * waiting call of the bucket would wait them too).
   */
  async function attempt(
    method: string,
    body: string,
    token: SlackToken,
    cancel: AbortSignal | undefined,
    permit: Permit | undefined,
  ): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AttemptTimeoutError(timeoutMs)), timeoutMs);
    // Linked by hand: `AbortSignal.any` per attempt costs more than the rest of the call's
    // bookkeeping (a dependent signal, weak references, and its abort fan-out at request end).
    const cancelled = (): void => controller.abort(cancel?.reason);
    if (cancel?.aborted) cancelled();
    else cancel?.addEventListener('abort', cancelled, { once: true });
    const signal = controller.signal;
    try {
      const response = await pool.request({
        origin: base.origin,
        path: `${base.pathname}${method}`,
        method: 'POST',
        headers: {
          authorization: `Bearer ${token.value}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body,
        signal,
      });
      if (response.statusCode === 429) {
        const waitMs = retryAfterMs(header(response.headers['retry-after']), Date.now());
        permit?.rateLimited(waitMs);
        await response.body.dump();
        const error = new SlackRateLimitedError(method, Math.ceil(waitMs / 1_000));
        return { kind: 'rate-limited', waitMs, error };
      }
      permit?.release();
      if (response.statusCode !== 200) {
        await response.body.dump();
        const error = new SlackHttpError(method, response.statusCode, 'unexpected status');
        return { kind: 'failed', error, transient: response.statusCode >= 500 };
      }
      const data = parseEnvelope(await response.body.text());
      if (data === undefined) {
        const error = new SlackHttpError(method, 200, 'the body is not a Slack JSON envelope');
        return { kind: 'failed', error, transient: true };
      }
      const granted = header(response.headers['x-oauth-scopes']);
      if (granted !== undefined) onGrantedScopes?.(token, granted);
      const problem = data.ok ? responseShapeProblem(method, data) : undefined;
      if (problem !== undefined) {
        return { kind: 'failed', error: new SlackHttpError(method, 200, problem), transient: true };
      }
      if (data.ok) return { kind: 'ok', data };
      // ok:false is Slack's final answer (channel_not_found, missing_scope…): never retried.
      return {
        kind: 'failed',
        error: new SlackPlatformError(method, data, token.hash),
        transient: false,
      };
    } catch (cause) {
      // Cut because nobody waits any more: final, and not a sign of an unhealthy Slack.
      if (cancel?.aborted) {
        return {
          kind: 'failed',
          error: new SlackCallCancelledError(method, true),
          transient: false,
        };
      }
      return {
        kind: 'failed',
        error: new SlackRequestError(method, cause, backendUrl),
        transient: true,
      };
    } finally {
      // No answer at all (a transport failure): the call may still have reached Slack.
      permit?.release();
      clearTimeout(timer);
      cancel?.removeEventListener('abort', cancelled);
    }
  }

  /** An attempt through the circuit breaker: refused at once (not retried) while it is open. */
  async function guardedAttempt(
    method: string,
    body: string,
    token: SlackToken,
    cancel: AbortSignal | undefined,
    permit: Permit | undefined,
  ): Promise<Attempt> {
    if (circuitBreaker === undefined) return attempt(method, body, token, cancel, permit);
    try {
      circuitBreaker.admit(method);
    } catch (error) {
      if (!(error instanceof SlackCircuitOpenError)) throw error;
      permit?.release();
      return {
        kind: 'failed',
        error: new SlackCircuitOpenError(method, backendUrl),
        transient: false,
      };
    }
    const outcome = await attempt(method, body, token, cancel, permit);
    circuitBreaker.settle(!(outcome.kind === 'failed' && outcome.transient));
    return outcome;
  }

  return {
    async call<TResponse extends SlackEnvelope>(
      method: string,
      args: SlackArgs,
      token: SlackToken,
      options?: SlackCallOptions,
    ): Promise<TResponse> {
      const cancel = options?.signal;
      const ledger = options?.ledger;
      if (!METHOD_NAME.test(method)) throw new TypeError(`Not a Slack method name: "${method}".`);
      const body = encodeForm(args);
      const repeatable = isReadMethod(method);
      let waitedMs = 0;
      let rateLimitWaitMs = 0;
      for (let retry = 0; ; retry++) {
        // An open circuit refuses before the call queues for rate budget: a dead host spends none.
        if (circuitBreaker?.state() === 'open') throw new SlackCircuitOpenError(method, backendUrl);
        if (cancel?.aborted) throw new SlackCallCancelledError(method, false);
        let permit = governor?.tryAdmit?.(method, token);
        if (governor !== undefined && permit === undefined) {
          const queuedAt = performance.now();
          permit = await governor.admit(method, token, cancel);
          rateLimitWaitMs += performance.now() - queuedAt;
        }
        ledger?.attempted(method, rateLimitWaitMs);
        rateLimitWaitMs = 0;
        const outcome = await guardedAttempt(method, body, token, cancel, permit);
        if (outcome.kind === 'ok') return outcome.data as TResponse;
        // A 429 means Slack did not run the call, so any method may wait and retry; after other
        // failures a write's outcome is unknown, so only reads are repeated.
        if (outcome.kind === 'failed' && !(outcome.transient && repeatable)) throw outcome.error;
        const waitMs =
          outcome.kind === 'rate-limited'
            ? outcome.waitMs
            : backoffDelayMs(retryPolicy, retry, random);
        if (
          retry >= retryPolicy.maxRetries ||
          waitedMs + waitMs > retryPolicy.maxTotalWaitMs ||
          options?.mayRetry?.(method) === false
        ) {
          throw outcome.error;
        }
        const retryLine = `${outcome.error.message}; retry ${retry + 1} in ${waitMs} ms`;
        // No answer at all (a closed port, a timeout) would write a line per attempt of every
        // call; its final failure is one rate-limited warn line (src/observability/logger.ts).
        if (outcome.error instanceof SlackRequestError) logger?.debug?.(retryLine);
        else logger?.warn(retryLine);
        // With a governor the 429 paused the bucket: waiting in its queue is the wait.
        if (governor === undefined || outcome.kind !== 'rate-limited') {
          await sleep(waitMs, undefined, { signal: cancel }).catch(() => {
            throw new SlackCallCancelledError(method, false);
          });
        }
        if (governor === undefined && outcome.kind === 'rate-limited') rateLimitWaitMs = waitMs;
        waitedMs += waitMs;
      }
    },
    close(): Promise<void> {
      if (dispatcher !== undefined) return Promise.resolve();
      closing ??= pool.close();
      return closing;
    },
  };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A Slack envelope is a JSON object with a boolean `ok`; anything else is malformed. */
function parseEnvelope(text: string): (SlackEnvelope & Record<string, unknown>) | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const envelope = value as Record<string, unknown>;
  return typeof envelope.ok === 'boolean'
    ? (envelope as SlackEnvelope & Record<string, unknown>)
    : undefined;
}
