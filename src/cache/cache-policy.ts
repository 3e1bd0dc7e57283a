import { CACHE_TYPES, type CacheType, methodFacts, readFacts } from '../slack/methods.js';
import type { SlackArgs } from '../slack/slack-api.js';

/** Seconds each type is kept; 0 turns caching of that type off. */
export type CacheTtls = Readonly<Record<CacheType, number>>;

/**
 * Defaults: identities, the team and users change rarely and no gateway write touches them;
 * conversations and member lists change through writes (invalidated exactly) but also from
 * outside the gateway, which only a TTL bounds; messages arrive from outside all the time.
 */
export const DEFAULT_CACHE_TTLS: CacheTtls = Object.freeze({
  auth: 600,
  team: 600,
  user: 300,
  user_list: 300,
  conversation: 60,
  members: 60,
  conversation_list: 30,
  history: 10,
});

/** The cache type of a read method, `undefined` for anything else (writes included). */
export function cacheTypeOf(method: string): CacheType | undefined {
  return readFacts(method)?.cacheType;
}

/** Every cached entry carries this tag, so an unknown write can drop everything. */
export const ALL_TAG = 'all';
/** Conversation list pages (any token): a structural write may add or drop rows anywhere. */
export const LISTS_TAG = 'lists';
/** Everything cached about one conversation, including list pages that show it. */
export const conversationTag = (id: string): string => `conv:${id}`;
/** One conversation's conversations.info answers (any token, any inclusions). */
export const infoTag = (id: string): string => `info:${id}`;
/** One conversation's conversations.members pages. */
export const membersTag = (id: string): string => `members:${id}`;
/** One conversation's conversations.history pages. */
export const historyTag = (id: string): string => `history:${id}`;
/** One thread's conversations.replies pages (`ts` of its parent). */
export const threadTag = (id: string, ts: string): string => `thread:${id}:${ts}`;
/** One user's users.info answers. */
export const userTag = (id: string): string => `user:${id}`;
/** users.list pages. */
export const USERS_TAG = 'users';
/** Every conversation's history and replies pages (a `*_history_changed` names no conversation). */
export const HISTORIES_TAG = 'histories';
/** Everything cached for one token (its SHA-256), so a revocation drops that token's entries only. */
export const tokenTag = (tokenHash: string): string => `token:${tokenHash}`;

/**
 * The finer tag of a read, by its cache type: what a Slack event names precisely (one
 * conversation's info, members, history, or one thread; one user; the users list).
 */
function finerTag(type: CacheType, args: SlackArgs): string | undefined {
  const { channel, user, ts } = args;
  if (type === 'user_list') return USERS_TAG;
  if (type === 'user') return typeof user === 'string' ? userTag(user) : undefined;
  if (typeof channel !== 'string') return undefined;
  if (type === 'conversation') return infoTag(channel);
  if (type === 'members') return membersTag(channel);
  // conversations.replies names its thread with `ts`; conversations.history has none.
  if (type === 'history')
    return typeof ts === 'string' ? threadTag(channel, ts) : historyTag(channel);
  return undefined;
}

/**
 * Tags of a read answer: what a write or a Slack event must bump for the entry to stop being
 * served. Writes bump a conversation's whole tag; events bump the finer one per method (history,
 * one thread, members, info) so a new message leaves member pages cached. Tags name
 * conversations and users, never tokens, which is how a write by one token drops every token's entries.
 * A list page carries the list tag only (not one tag per row): a page of up to 999 rows holds
 * nearly every conversation anyway, and checking one version per row made every lookup of a
 * cached list cost hundreds of store reads.
 */
export function tagsOfRead(method: string, args: SlackArgs): string[] {
  const tags = [ALL_TAG];
  if (typeof args.channel === 'string') tags.push(conversationTag(args.channel));
  const facts = readFacts(method);
  if (facts?.subject === 'conversation-list') tags.push(LISTS_TAG);
  if (facts?.cacheType === 'history') tags.push(HISTORIES_TAG);
  const finer = facts === undefined ? undefined : finerTag(facts.cacheType, args);
  if (finer !== undefined) tags.push(finer);
  return tags;
}

/**
 * The tags a write bumps once it may have happened: its conversation (from `channel`, or from
 * the answer of create/open), plus the list tag unless only info changes. A write the policy
 * does not know drops everything.
 * @see https://docs.slack.dev/reference/methods/conversations.create
 */
export function tagsOfWrite(method: string, args: SlackArgs, response: unknown): string[] {
  const facts = methodFacts(method);
  if (facts?.kind !== 'write') return [ALL_TAG];
  const lists = facts.changes !== 'info';
  const tags: string[] = [];
  if (typeof args.channel === 'string') tags.push(conversationTag(args.channel));
  const answered = answeredConversationId(response);
  if (answered !== undefined && answered !== args.channel) tags.push(conversationTag(answered));
  if (lists) tags.push(LISTS_TAG);
  return tags;
}

function answeredConversationId(response: unknown): string | undefined {
  const id = (response as { channel?: { id?: unknown } } | undefined)?.channel?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Reads `type=seconds` pairs separated by commas (e.g. `history=0,conversation=120`), as
 * `SLACK_CACHE_TTLS` carries them, over the defaults. Each problem is pushed to `problems`.
 */
export function parseCacheTtls(
  raw: string | undefined,
  problems: string[],
  variable = 'SLACK_CACHE_TTLS',
): CacheTtls {
  const ttls: Record<CacheType, number> = { ...DEFAULT_CACHE_TTLS };
  for (const pair of (raw ?? '').split(',')) {
    const entry = pair.trim();
    if (entry === '') continue;
    const match = /^([a-z_]+)\s*=\s*(\d+)$/.exec(entry);
    const type = CACHE_TYPES.find((candidate) => candidate === match?.[1]);
    const seconds = Number(match?.[2]);
    if (type === undefined || !Number.isSafeInteger(seconds)) {
      problems.push(
        `${variable} entries must look like conversation=60 with a type among ${CACHE_TYPES.join(', ')}, got "${entry}"`,
      );
      continue;
    }
    ttls[type] = seconds;
  }
  return Object.freeze(ttls);
}
