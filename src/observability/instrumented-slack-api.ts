import {
  SlackHttpError,
  SlackPlatformError,
  SlackRateLimitedError,
  SlackRequestError,
} from '../slack/errors.js';
import type { SlackMethod } from '../slack/methods.js';
import type { SlackApi, SlackArgs, SlackCallOptions } from '../slack/slack-api.js';
import type { SlackToken } from '../slack/slack-token.js';
import type { SlackEnvelope } from '../slack/wire-types.js';
import type { GatewayMetrics } from './metrics.js';

/**
 * A `SlackApi` that counts every call that goes past the cache (so: every call Slack sees, or
 * that the governor refused) by method and outcome, and times it.
 */
export function createInstrumentedSlackApi(
  inner: SlackApi,
  metrics: Pick<GatewayMetrics, 'slackCall'>,
): SlackApi {
  return {
    async call<T extends SlackEnvelope>(
      method: SlackMethod,
      args: SlackArgs,
      token: SlackToken,
      options?: SlackCallOptions,
    ): Promise<T> {
      const started = performance.now();
      try {
        const response = await inner.call<T>(method, args, token, options);
        metrics.slackCall(method, 'ok', (performance.now() - started) / 1_000);
        return response;
      } catch (error) {
        metrics.slackCall(method, outcomeOf(error), (performance.now() - started) / 1_000);
        throw error;
      }
    },
  };
}

/** `ok:false` → Slack's own error code; other failures → their kind. */
export function outcomeOf(error: unknown): string {
  if (error instanceof SlackPlatformError) return error.error;
  if (error instanceof SlackRateLimitedError) return 'rate_limited';
  if (error instanceof SlackHttpError) return 'http_error';
  if (error instanceof SlackRequestError) return 'request_error';
  return 'other';
}
