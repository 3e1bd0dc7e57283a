import { badUserInput } from '../errors.js';

/** Node type names whose global ID is the Slack ID itself. */
const SLACK_ID_PATTERNS: readonly (readonly [typename: string, pattern: RegExp])[] = [
  ['Conversation', /^[CGD][A-Z0-9]{2,}$/],
  ['User', /^[UW][A-Z0-9]{2,}$/],
];

/** Message IDs start with a lower-case prefix, which no Slack ID can. */
const MESSAGE_PREFIX = 'msg_';
const TS_PATTERN = /^\d+\.\d+$/;

/** Where a message lives; `threadTs` only for thread replies. */
export interface MessageLocator {
  channel: string;
  ts: string;
  threadTs?: string | undefined;
}

/**
 * The Relay global-ID codec. Conversations and users use their Slack IDs as is (`C…`, `G…`,
 * `D…`, `U…`, `W…`): globally unique and typed by prefix, so a client can hand them straight to
 * Slack. A message ID is opaque: `msg_` + base64url of `channel:ts[:thread_ts]`.
 */
export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  const raw = String(id);
  if (typename === 'Message') return MESSAGE_PREFIX + Buffer.from(raw).toString('base64url');
  const known = SLACK_ID_PATTERNS.find(([name]) => name === typename);
  if (known) return raw;
  throw new Error(`No global ID encoding for type ${typename}`);
}

/** Decodes a global ID; anything that is not a valid node ID is a BAD_USER_INPUT error. */
export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  for (const [typename, pattern] of SLACK_ID_PATTERNS) {
    if (pattern.test(globalId)) return { typename, id: globalId };
  }
  if (globalId.startsWith(MESSAGE_PREFIX)) {
    const raw = Buffer.from(globalId.slice(MESSAGE_PREFIX.length), 'base64url').toString();
    if (parseMessageLocator(raw) && encodeGlobalId('Message', raw) === globalId) {
      return { typename: 'Message', id: raw };
    }
  }
  throw badUserInput(`"${truncate(globalId)}" is not a valid node ID.`);
}

/** The raw (pre-encoding) ID of a message. */
export function messageRawId(locator: MessageLocator): string {
  const { channel, ts, threadTs } = locator;
  return threadTs !== undefined && threadTs !== ts
    ? `${channel}:${ts}:${threadTs}`
    : `${channel}:${ts}`;
}

/** Parses a raw message ID; `undefined` when malformed. */
export function parseMessageLocator(raw: string): MessageLocator | undefined {
  const [channel, ts, threadTs, ...rest] = raw.split(':');
  if (rest.length > 0 || channel === undefined || ts === undefined) return undefined;
  if (!/^[CGD][A-Z0-9]{2,}$/.test(channel) || !TS_PATTERN.test(ts)) return undefined;
  if (threadTs !== undefined && (!TS_PATTERN.test(threadTs) || threadTs === ts)) return undefined;
  return { channel, ts, threadTs };
}

function truncate(value: string): string {
  return value.length > 64 ? `${value.slice(0, 64)}…` : value;
}
