import {
  type Attributes,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ATTR_SERVER_ADDRESS } from '@opentelemetry/semantic-conventions';
import type { CacheObserver } from '../cache/caching-slack-api.js';
import { SlackRateLimitedError } from '../slack/errors.js';
import type { SlackMethod } from '../slack/methods.js';
import type { SlackApi, SlackArgs, SlackCallOptions } from '../slack/slack-api.js';
import type { SlackToken } from '../slack/slack-token.js';
import type { SlackEnvelope } from '../slack/wire-types.js';
import { outcomeOf } from './instrumented-slack-api.js';

/** Span attributes of a Slack call (no semantic convention exists for Slack). */
const SLACK_METHOD = 'slack.method';
const SLACK_OK = 'slack.ok';
const SLACK_ERROR = 'slack.error';
const SLACK_RETRY_AFTER = 'slack.retry_after';
/** Event on the active span when the cache answered instead of Slack. */
const CACHE_HIT_EVENT = 'cache.hit';

interface TracingSlackApiOptions {
  tracer: Tracer;
  /** Slack's API base URL; only its host is recorded (`server.address`). */
  slackApiUrl: string;
  /** Told of each call span as it starts, e.g. to count its HTTP attempts (tracing-attempts.ts). */
  onSpanStart?: (span: Span, method: string) => void;
}

/**
 * A `SlackApi` with one CLIENT span per call that reaches it, named after the Slack method and a
 * child of the active span (the operation's). It sits below the cache, so every span is a call
 * Slack saw (or that the governor or circuit breaker refused): cache answers are events on the
 * operation span instead (`tracingCacheObserver`). Records the method, `ok`, Slack's error code
 * and a 429's `Retry-After`; never the arguments or the token.
 * @see https://opentelemetry.io/docs/specs/semconv/general/recording-errors/
 */
export function createTracingSlackApi(
  inner: SlackApi,
  { tracer, slackApiUrl, onSpanStart }: TracingSlackApiOptions,
): SlackApi {
  const serverAddress = new URL(slackApiUrl).hostname;
  return {
    call<T extends SlackEnvelope>(
      method: SlackMethod,
      args: SlackArgs,
      token: SlackToken,
      options?: SlackCallOptions,
    ): Promise<T> {
      const attributes: Attributes = {
        [SLACK_METHOD]: method,
        [ATTR_SERVER_ADDRESS]: serverAddress,
      };
      return tracer.startActiveSpan(method, { kind: SpanKind.CLIENT, attributes }, async (span) => {
        onSpanStart?.(span, method);
        try {
          const response = await inner.call<T>(method, args, token, options);
          span.setAttribute(SLACK_OK, true);
          return response;
        } catch (error) {
          const outcome = outcomeOf(error);
          span.setAttributes({
            [SLACK_OK]: false,
            [SLACK_ERROR]: outcome,
            [ATTR_ERROR_TYPE]: outcome,
          });
          if (error instanceof SlackRateLimitedError) {
            span.setAttribute(SLACK_RETRY_AFTER, error.retryAfter);
          }
          span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
          throw error;
        } finally {
          span.end();
        }
      });
    },
  };
}

/**
 * The cache's observer, plus a `cache.hit` event on the active span (the operation's) for each
 * answer the cache gave without calling Slack: `hit` (stored) or `shared` (joined a call in
 * flight). Misses need no event: the Slack call span below the cache shows them.
 */
export function tracingCacheObserver(inner: CacheObserver): CacheObserver {
  return {
    lookup(type, result) {
      inner.lookup(type, result);
      if (result === 'miss') return;
      trace
        .getActiveSpan()
        ?.addEvent(CACHE_HIT_EVENT, { 'cache.type': type, 'cache.result': result });
    },
    invalidated(method) {
      inner.invalidated(method);
    },
  };
}
