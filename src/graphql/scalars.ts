import { badUserInput } from '../errors.js';
import { builder } from './builder.js';

/** ISO-8601 date-time, always UTC with milliseconds (`2017-10-05T18:33:47.000Z`). */
builder.scalarType('DateTime', {
  description: 'An ISO-8601 date-time in UTC, e.g. `2017-10-05T18:33:47.000Z`.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw badUserInput('Expected an ISO-8601 DateTime.');
    return date;
  },
});

/** Slack's `created` and `last_set`: whole seconds since the epoch. */
export function fromSeconds(seconds: number): Date {
  return new Date(seconds * 1000);
}

/** Slack's conversation `updated`: milliseconds since the epoch. */
export function fromMilliseconds(milliseconds: number): Date {
  return new Date(milliseconds);
}

/**
 * A message `ts` (`"1512085950.000216"`): its whole seconds. The fraction is a uniqueness
 * sequence, not microseconds (docs/slack-behaviour.md#message-timestamps), so it is not turned into
 * time.
 */
export function fromTs(ts: string): Date {
  return new Date(Number(ts.split('.')[0]) * 1000);
}
