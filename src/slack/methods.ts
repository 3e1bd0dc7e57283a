/**
 * Every Slack method the gateway calls, with what the gateway knows about each. The retry rules,
 * answer checks, rate budgets, cache and write invalidation all read this one table, so a new
 * method is one entry here and the compiler asks for each of its facts.
 * @see https://docs.slack.dev/reference/methods
 */

/**
 * The largest `limit` the gateway sends to Slack's cursor-paginated conversation methods: their
 * pages document "under 1000" items.
 * @see https://docs.slack.dev/apis/web-api/pagination
 */
export const SLACK_MAX_PAGE_LIMIT = 999;

/**
 * The largest `limit` of a method `limitedForUnlistedApps` when the app is unlisted (Slack's 2025
 * rule: at most 15 items per page).
 * @see https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps
 */
export const UNLISTED_APP_MAX_LIMIT = 15;

/** Kinds of cached read answers; each has its own TTL and metrics label (src/cache). */
export const CACHE_TYPES = [
  'auth',
  'team',
  'user',
  'user_list',
  'conversation',
  'members',
  'conversation_list',
  'history',
] as const;
export type CacheType = (typeof CACHE_TYPES)[number];

/** Slack's rate-limit tier of a method; `special` is auth.test's "hundreds per minute". */
export type RateTier = 't2' | 't3' | 't4' | 'special';

/**
 * What a field of an `ok: true` answer must hold: a string, or an object with the ID field of
 * its kind (a conversation's `id`, a message's `ts`, …); `[]` means a list of them.
 */
export type AnswerValue = 'string' | 'conversation' | 'message' | 'user' | 'team';
export type AnswerField = AnswerValue | `${AnswerValue}[]`;

/**
 * What a read's answer is about, which decides what a write makes stale within a request:
 * `conversation` answers are about the conversation named by `channel`; `conversation-list`
 * answers hold rows that any conversation write may add, change or remove.
 */
export type ReadSubject = 'conversation' | 'conversation-list' | 'workspace';

/**
 * What a write changes in cached answers beyond its own conversation: `rows` changes which rows
 * a conversation list holds (create, archive, join, …), `row-fields` what a row shows (name,
 * topic, purpose), `info` only what conversations.info shows the caller (the read cursor).
 */
export type WriteChange = 'rows' | 'row-fields' | 'info';

interface CommonFacts {
  readonly tier: RateTier;
  /**
   * Slack's 2025 rule for commercially distributed apps outside the Marketplace: one call a
   * minute (and a 15-item `limit`).
   * @see https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps
   */
  readonly limitedForUnlistedApps?: true;
}

/** A read: safe to repeat after an unknown outcome, cached, its answer checked before use. */
export interface ReadMethodFacts extends CommonFacts {
  readonly kind: 'read';
  readonly cacheType: CacheType;
  readonly subject: ReadSubject;
  /** The fields its `ok: true` answer must have before loaders touch it. */
  readonly answer: Readonly<Record<string, AnswerField>>;
  /** The `limit` the gateway sends at most, for cursor-paginated methods. */
  readonly maxLimit?: number;
}

/** A write: repeated by the client only after a 429; invalidates what it changed. */
export interface WriteMethodFacts extends CommonFacts {
  readonly kind: 'write';
  readonly changes: WriteChange;
}

export type MethodFacts = ReadMethodFacts | WriteMethodFacts;

const conversationWrite = (tier: RateTier, changes: WriteChange): WriteMethodFacts => ({
  kind: 'write',
  tier,
  changes,
});

export const SLACK_METHODS = {
  'auth.test': {
    kind: 'read',
    tier: 'special',
    cacheType: 'auth',
    subject: 'workspace',
    answer: { user_id: 'string', team_id: 'string' },
  },
  'team.info': {
    kind: 'read',
    tier: 't3',
    cacheType: 'team',
    subject: 'workspace',
    answer: { team: 'team' },
  },
  'users.info': {
    kind: 'read',
    tier: 't4',
    cacheType: 'user',
    subject: 'workspace',
    answer: { user: 'user' },
  },
  'users.list': {
    kind: 'read',
    tier: 't2',
    cacheType: 'user_list',
    subject: 'workspace',
    answer: { members: 'user[]' },
    // users.list states no maximum; 1000 is the largest page Slack serves in general.
    maxLimit: 1000,
  },
  'users.conversations': {
    kind: 'read',
    tier: 't3',
    cacheType: 'conversation_list',
    subject: 'conversation-list',
    answer: { channels: 'conversation[]' },
    maxLimit: SLACK_MAX_PAGE_LIMIT,
  },
  'conversations.list': {
    kind: 'read',
    tier: 't2',
    cacheType: 'conversation_list',
    subject: 'conversation-list',
    answer: { channels: 'conversation[]' },
    maxLimit: SLACK_MAX_PAGE_LIMIT,
  },
  'conversations.info': {
    kind: 'read',
    tier: 't3',
    cacheType: 'conversation',
    subject: 'conversation',
    answer: { channel: 'conversation' },
  },
  'conversations.members': {
    kind: 'read',
    tier: 't4',
    cacheType: 'members',
    subject: 'conversation',
    answer: { members: 'string[]' },
    maxLimit: SLACK_MAX_PAGE_LIMIT,
  },
  'conversations.history': {
    kind: 'read',
    tier: 't3',
    limitedForUnlistedApps: true,
    cacheType: 'history',
    subject: 'conversation',
    answer: { messages: 'message[]' },
    maxLimit: SLACK_MAX_PAGE_LIMIT,
  },
  'conversations.replies': {
    kind: 'read',
    tier: 't3',
    limitedForUnlistedApps: true,
    cacheType: 'history',
    subject: 'conversation',
    answer: { messages: 'message[]' },
    maxLimit: SLACK_MAX_PAGE_LIMIT,
  },
  'conversations.create': conversationWrite('t2', 'rows'),
  'conversations.archive': conversationWrite('t2', 'rows'),
  'conversations.unarchive': conversationWrite('t2', 'rows'),
  'conversations.close': conversationWrite('t2', 'rows'),
  'conversations.open': conversationWrite('t3', 'rows'),
  'conversations.join': conversationWrite('t3', 'rows'),
  'conversations.leave': conversationWrite('t3', 'rows'),
  'conversations.invite': conversationWrite('t3', 'rows'),
  'conversations.kick': conversationWrite('t3', 'rows'),
  'conversations.rename': conversationWrite('t2', 'row-fields'),
  'conversations.setTopic': conversationWrite('t2', 'row-fields'),
  'conversations.setPurpose': conversationWrite('t2', 'row-fields'),
  'conversations.mark': conversationWrite('t3', 'info'),
} as const satisfies Readonly<Record<string, MethodFacts>>;

/** A Slack method the gateway knows; `SlackApi.call` takes nothing else. */
export type SlackMethod = keyof typeof SLACK_METHODS;

/** A method that changes something in Slack. */
export type SlackWriteMethod = {
  [M in SlackMethod]: (typeof SLACK_METHODS)[M]['kind'] extends 'write' ? M : never;
}[SlackMethod];

/** The facts of `name`, or `undefined` for a name the gateway does not call. */
export function methodFacts(name: string): MethodFacts | undefined {
  return Object.hasOwn(SLACK_METHODS, name) ? SLACK_METHODS[name as SlackMethod] : undefined;
}

/** The facts of `name` when it is a read method. */
export function readFacts(name: string): ReadMethodFacts | undefined {
  const facts = methodFacts(name);
  return facts?.kind === 'read' ? facts : undefined;
}

/**
 * The largest `limit` the gateway sends to a cursor-paginated `method`, with Slack's rule for
 * unlisted apps applied when `unlistedApp` (`SLACK_UNLISTED_APP`).
 */
export function pageLimitOf(method: SlackMethod, unlistedApp: boolean): number {
  const facts: MethodFacts = SLACK_METHODS[method];
  const limit = facts.kind === 'read' ? (facts.maxLimit ?? SLACK_MAX_PAGE_LIMIT) : 0;
  return unlistedApp && facts.limitedForUnlistedApps
    ? Math.min(limit, UNLISTED_APP_MAX_LIMIT)
    : limit;
}
