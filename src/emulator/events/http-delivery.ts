import { Agent, request } from 'undici';
import { slackSignature } from './signing.js';

/** How one delivery attempt ended; `reason` is Slack's `X-Slack-Retry-Reason` for the next one. */
export type AttemptOutcome =
  | { ok: true; body: string }
  | { ok: false; reason: string; noRetry: boolean };

/** A signed POST to the app's Request URL. */
export interface SignedPost {
  url: string;
  body: string;
  signingSecret: string;
  /** Epoch seconds, sent as `X-Slack-Request-Timestamp` and signed. */
  timestamp: number;
  timeoutMs: number;
  /** Retries carry `X-Slack-Retry-Num` (1, 2, 3) and `X-Slack-Retry-Reason`. */
  retry?: { num: number; reason: string };
}

/**
 * Posts events the way Slack's delivery service does: JSON, signed with the v0 scheme, answered
 * 2xx within the timeout or failed with one of Slack's retry reasons (`http_timeout`,
 * `http_error`, `connection_failed`, `unknown_error`). A non-2xx answer carrying
 * `X-Slack-No-Retry: 1` asks for no retry. Redirects are not followed (they fail as `http_error`).
 */
export class HttpPoster {
  private readonly agent = new Agent({ keepAliveTimeout: 4_000 });
  private readonly pending = new Set<AbortController>();

  async post(delivery: SignedPost): Promise<AttemptOutcome> {
    const timestamp = String(delivery.timestamp);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': slackSignature(delivery.signingSecret, timestamp, delivery.body),
    };
    if (delivery.retry !== undefined) {
      headers['x-slack-retry-num'] = String(delivery.retry.num);
      headers['x-slack-retry-reason'] = delivery.retry.reason;
    }
    const controller = new AbortController();
    this.pending.add(controller);
    const timer = setTimeout(() => controller.abort(), delivery.timeoutMs);
    try {
      const response = await request(delivery.url, {
        method: 'POST',
        headers,
        body: delivery.body,
        signal: controller.signal,
        dispatcher: this.agent,
      });
      const body = await response.body.text();
      if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true, body };
      const noRetry = response.headers['x-slack-no-retry'] === '1';
      return { ok: false, reason: 'http_error', noRetry };
    } catch (error) {
      if (controller.signal.aborted) return { ok: false, reason: 'http_timeout', noRetry: false };
      return { ok: false, reason: failureReason(error), noRetry: false };
    } finally {
      clearTimeout(timer);
      this.pending.delete(controller);
    }
  }

  /** Aborts every request in flight and closes the connections. */
  async close(): Promise<void> {
    for (const controller of this.pending) controller.abort();
    await this.agent.destroy();
  }
}

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function failureReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && CONNECTION_ERRORS.has(code)
    ? 'connection_failed'
    : 'unknown_error';
}
