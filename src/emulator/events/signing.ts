import { createHmac } from 'node:crypto';

/**
 * Slack's request signature, version 0: `v0=` and the hex HMAC-SHA256, keyed with the app's
 * signing secret, of `v0:<timestamp>:<raw body>`.
 * @param timestamp the `X-Slack-Request-Timestamp` value (epoch seconds, as sent)
 * @see https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export function slackSignature(signingSecret: string, timestamp: string, body: string): string {
  const mac = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return `v0=${mac}`;
}
