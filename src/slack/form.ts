import type { SlackArgs } from './slack-api.js';

/**
 * Serialises Slack arguments as `application/x-www-form-urlencoded`, the way the official SDKs
 * send them: `undefined` is dropped, booleans become `true`/`false`, numbers their decimal form.
 * The token never goes in the body; it travels in the `Authorization` header.
 * @see https://docs.slack.dev/apis/web-api/#basics
 */
export function encodeForm(args: SlackArgs): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined) continue;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError(`Slack argument "${name}" must be a finite number, got ${value}.`);
    }
    form.append(name, String(value));
  }
  return form.toString();
}
