import type { SlackArgs } from '../slack/slack-api.js';

/** The kinds of cached Slack answers; each has its own TTL and metrics label. */
export type CacheType =
  | 'auth'
  | 'team'
  | 'user'
  | 'user_list'
  | 'conversation'
  | 'members'
  | 'conversation_list'
  | 'history';

export const CACHE_TYPES: readonly CacheType[] = [
  'auth',
  'team',
  'user',
  'user_list',
  'conversation',
  'members',
  'conversation_list',
  'history',
];

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

/** The read methods the cache serves, and the type of each answer. */
const READ_TYPES: Readonly<Record<string, CacheType>> = Object.freeze({
  'auth.test': 'auth',
  'team.info': 'team',
  'users.info': 'user',
  'users.list': 'user_list',
  'conversations.info': 'conversation',
  'conversations.members': 'members',
  'conversations.list': 'conversation_list',
  'users.conversations': 'conversation_list',
  'conversations.history': 'history',
  'conversations.replies': 'history',
});

/** The cache type of a read method, `undefined` for anything else (writes included). */
export function cacheTypeOf(method: string): CacheType | undefined {
  return READ_TYPES[method];
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

/** The finer tag of each read on one conversation: what a Slack event names precisely. */
const CONVERSATION_READ_TAGS: Readonly<Record<string, (args: SlackArgs, id: string) => string>> =
  Object.freeze({
    'conversations.info': (_args, id) => infoTag(id),
    'conversations.members': (_args, id) => membersTag(id),
    'conversations.history': (_args, id) => historyTag(id),
    'conversations.replies': (args, id) => threadTag(id, String(args.ts)),
  });

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
  if (typeof args.channel === 'string') {
    tags.push(conversationTag(args.channel));
    const finer = CONVERSATION_READ_TAGS[method];
    if (finer !== undefined) tags.push(finer(args, args.channel));
  }
  if (method === 'conversations.list' || method === 'users.conversations') tags.push(LISTS_TAG);
  if (method === 'users.info' && typeof args.user === 'string') tags.push(userTag(args.user));
  if (method === 'users.list') tags.push(USERS_TAG);
  return tags;
}

/**
 * Writes that change which rows a conversation list holds (for the caller or another user):
 * create/open add, archive/close/leave/kick filter, join/invite/unarchive bring back.
 */
const STRUCTURAL_WRITES: ReadonlySet<string> = new Set([
  'conversations.create',
  'conversations.archive',
  'conversations.unarchive',
  'conversations.join',
  'conversations.leave',
  'conversations.invite',
  'conversations.kick',
  'conversations.open',
  'conversations.close',
]);

/** Writes that change fields a list row shows (name, topic, purpose): the row and the lists. */
const ROW_WRITES: ReadonlySet<string> = new Set([
  'conversations.rename',
  'conversations.setTopic',
  'conversations.setPurpose',
]);

/**
 * Writes that change only what conversations.info shows the caller (the read cursor, which list
 * rows do not carry): the conversation's own entries.
 * @see https://docs.slack.dev/reference/methods/conversations.mark
 */
const INFO_WRITES: ReadonlySet<string> = new Set(['conversations.mark']);

/**
 * The tags a write bumps once it may have happened: its conversation (from `channel`, or from
 * the answer of create/open), plus the list tag unless only info changes. A write the policy
 * does not know drops everything.
 * @see https://docs.slack.dev/reference/methods/conversations.create
 */
export function tagsOfWrite(method: string, args: SlackArgs, response: unknown): string[] {
  const lists = STRUCTURAL_WRITES.has(method) || ROW_WRITES.has(method);
  if (!lists && !INFO_WRITES.has(method)) return [ALL_TAG];
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
