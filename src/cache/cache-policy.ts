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

/**
 * Tags of a read answer: what a write must bump for the entry to stop being served. Tags name
 * conversations, never tokens, which is how a write by one token drops every token's entries.
 * A list page carries the list tag only (not one tag per row): a page of up to 999 rows holds
 * nearly every conversation anyway, and checking one version per row made every lookup of a
 * cached list cost hundreds of store reads.
 */
export function tagsOfRead(method: string, args: SlackArgs): string[] {
  const tags = [ALL_TAG];
  if (typeof args.channel === 'string') tags.push(conversationTag(args.channel));
  if (readFacts(method)?.subject === 'conversation-list') tags.push(LISTS_TAG);
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
