import { SlackApiError } from './slack-api-error.js';

/**
 * What a cursor points at, as Slack spells it inside its cursors: `team:C061FA5PB` and
 * `im_id:D0BH95DLH` (conversation lists: the next conversation), `next_ts:1512085861000543`
 * (history/replies: the next message's ts without its dot), `user:U0G9WFXNZ` (users.list and
 * conversations.members: the next user).
 * @see docs/slack-behaviour.md#cursor-pagination
 */
export type CursorKind = 'team' | 'im_id' | 'next_ts' | 'user';

/** A decoded cursor. */
export interface Cursor {
  kind: CursorKind;
  value: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const KINDS: readonly CursorKind[] = ['team', 'im_id', 'next_ts', 'user'];

/**
 * Mints an opaque cursor the way Slack does: base64 of `kind:value`.
 * @see https://docs.slack.dev/apis/web-api/pagination
 */
export function encodeCursor(kind: CursorKind, value: string): string {
  return Buffer.from(`${kind}:${value}`, 'utf8').toString('base64');
}

/**
 * Decodes a cursor minted by {@link encodeCursor}, accepting only the kinds the calling method
 * mints. Anything else (not base64, no `kind:` prefix, a kind of another method, an empty value)
 * is Slack's `invalid_cursor`, never a crash.
 */
export function decodeCursor(cursor: string, accepted: readonly CursorKind[]): Cursor {
  // Node's base64 decoder skips garbage silently, so insist on the canonical round trip.
  if (!BASE64.test(cursor)) throw invalidCursor();
  const bytes = Buffer.from(cursor, 'base64');
  if (bytes.toString('base64') !== cursor) throw invalidCursor();
  const text = bytes.toString('utf8');
  const separator = text.indexOf(':');
  const kind = KINDS.find((candidate) => candidate === text.slice(0, separator));
  const value = text.slice(separator + 1);
  if (separator < 0 || !kind || !accepted.includes(kind) || value.length === 0) {
    throw invalidCursor();
  }
  return { kind, value };
}

/** A `next_ts` cursor for the message `ts` (`"1512085861.000543"` → `next_ts:1512085861000543`). */
export function encodeTsCursor(ts: string): string {
  const [seconds = '0', fraction = ''] = ts.split('.');
  return encodeCursor('next_ts', `${seconds}${fraction.padEnd(6, '0').slice(0, 6)}`);
}

/** The message ts a `next_ts` cursor points at; `invalid_cursor` unless it is one. */
export function decodeTsCursor(cursor: string): string {
  const { value } = decodeCursor(cursor, ['next_ts']);
  if (!/^\d{7,}$/.test(value)) throw invalidCursor();
  return `${value.slice(0, -6)}.${value.slice(-6)}`;
}

function invalidCursor(): SlackApiError {
  return new SlackApiError('invalid_cursor');
}
