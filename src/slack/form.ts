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

/**
 * The identity of a call as Slack receives it: the method and its arguments sorted by name, with
 * `undefined` dropped and values in their form encoding, so `{ limit: 5 }` and `{ limit: '5' }`
 * are one call. Used to de-duplicate calls within a request and as the cache key across requests.
 */
export function callKey(method: string, args: SlackArgs): string {
  const entries = Object.entries(args)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => [name, String(value)])
    .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : a === b ? 0 : 1));
  return JSON.stringify([method, entries]);
}
