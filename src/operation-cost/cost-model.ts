import { DEFAULT_FIRST, MAX_FIRST } from '../graphql/connection.js';
import { LIST_PAGE_COST } from '../loaders/conversation-scan.js';
import { SLACK_MAX_PAGE_LIMIT } from '../slack/methods.js';

/**
 * The Slack-call cost model: how many Slack calls each field of the schema may cause, at worst.
 * `estimate-calls.ts` walks an operation with it before execution; every number here is an
 * upper bound of what the resolvers and loaders (src/graphql, src/loaders) do, ignoring the
 * savings of per-request de-duplication and batching, which depend on the data.
 *
 * - A connection costs its pages: `ceil((first + 1) / 999)` calls (the resolver reads one item
 *   past `first` to know `hasNextPage`; 999 is the largest `limit` it sends), and whatever its
 *   nodes cost, times `first`. Nested connections therefore multiply.
 * - A conversation that came in a list page (conversations.list, users.conversations) carries
 *   most fields; asking for any other field (`isMember`, `numMembers`, `lastRead`, …) may cost
 *   one conversations.info call for that conversation (all its fields share the call).
 * - A conversation loaded by ID (conversations.info) costs that call; `numMembers` or `locale`
 *   may cost a second one when the first did not include them.
 * - A user known only by ID (`creator`, `user`, members, reaction users) costs one lookup
 *   (users.info) when any field besides `id` is asked for. Batching through users.list usually
 *   makes this much cheaper; the model counts the worst case.
 * - Lists of unknown length (reactions, reaction users) count `UNKNOWN_LIST_LENGTH` items.
 * - Every mutation field costs up to three calls (the write; after a lost answer, a
 *   conversations.info check and one repeat: src/graphql/mutations/perform-write.ts) plus
 *   whatever its payload selects.
 * - Objects by ID (`nodes(ids:)`, `_entities`) cost one lookup each, plus one page for a batch
 *   large enough to be read from conversations.list pages.
 * - Aliases add: each response key is counted on its own.
 * - Introspection (`__schema`, `__type`, `__typename`) costs nothing.
 */

/** Items assumed in a list whose length is not known before execution. */
export const UNKNOWN_LIST_LENGTH = 5;

/** Calls of one mutation field: the write, a check of its effect, one repeat. */
export const MUTATION_FIELD_CALLS = 3;

/** Where a conversation object came from; it decides which of its fields are free. */
export type ConversationSource = 'list' | 'info' | 'info-with-extras';

/** Where a user object came from: only its ID, or already loaded. */
export type UserSource = 'reference' | 'loaded';

/** What the walker knows about the objects below a field. */
export interface CostEnv {
  conversation: ConversationSource;
  user: UserSource;
  /** True below a Conversation: its messages know their conversation without a call. */
  underConversation: boolean;
}

export const ROOT_ENV: CostEnv = {
  conversation: 'info',
  user: 'loaded',
  underConversation: false,
};

/** How one field spends calls. */
export interface FieldCost {
  /** Calls made by the field itself. */
  calls: number;
  /** How many objects the field returns (list length, or `first` of a connection). */
  items?: number;
  /** What the walker knows about the returned objects. */
  env?: Partial<CostEnv>;
}

type Args = Readonly<Record<string, unknown>>;
type FieldRule = (args: Args, env: CostEnv) => FieldCost;

/** The `first` the resolver will use, or -1 when it will refuse the arguments without a call. */
export function connectionFirst(args: Args): number {
  const first = args.first ?? DEFAULT_FIRST;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 0 || first > MAX_FIRST) {
    return -1;
  }
  return first;
}

/** Slack calls needed to read `first` items plus the one that tells `hasNextPage`. */
export function connectionPages(first: number): number {
  return Math.ceil((first + 1) / SLACK_MAX_PAGE_LIMIT);
}

const connection =
  (env: Partial<CostEnv>): FieldRule =>
  (args) => {
    const first = connectionFirst(args);
    // Invalid arguments are refused (BAD_USER_INPUT) before any call.
    if (first < 0) return { calls: 0, items: 0 };
    return { calls: connectionPages(first), items: first, env };
  };

const userReference: FieldRule = () => ({ calls: 0, env: { user: 'reference' } });

/**
 * `count` objects by ID: one lookup each, and for a batch large enough to scan list pages, the
 * one page a scan may read in vain (src/loaders/conversation-scan.ts never costs more).
 */
function lookups(count: number): FieldCost {
  const scan = count >= 2 * LIST_PAGE_COST ? 1 : 0;
  return { calls: count + scan, items: count, env: { conversation: 'info', user: 'loaded' } };
}

/** Per-field rules, keyed `Type.field`; a field not listed here costs nothing itself. */
export const FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  'Query.conversation': () => ({ calls: 1, env: { conversation: 'info-with-extras' } }),
  'Query.conversations': connection({ conversation: 'list' }),
  'Query.user': () => ({ calls: 1, env: { user: 'loaded' } }),
  'Query.node': () => ({ calls: 1, env: { conversation: 'info', user: 'loaded' } }),
  'Query.nodes': (args) => lookups(Array.isArray(args.ids) ? args.ids.length : 0),
  // Federation: representations are looked up like `nodes(ids:)` (src/graphql/entities.ts).
  'Query._entities': (args) =>
    lookups(Array.isArray(args.representations) ? args.representations.length : 0),
  'Viewer.conversations': connection({ conversation: 'list' }),
  'Team.domain': () => ({ calls: 1 }),
  'Conversation.members': connection({ user: 'reference' }),
  'Conversation.messages': connection({ underConversation: true }),
  'Conversation.latest': () => ({ calls: 0, env: { underConversation: true } }),
  'Conversation.creator': userReference,
  'Conversation.user': userReference,
  'Topic.creator': userReference,
  'Message.user': userReference,
  'Message.parentUser': userReference,
  'Message.conversation': (_args, env) =>
    env.underConversation
      ? { calls: 0, env: { conversation: 'list' } }
      : { calls: 1, env: { conversation: 'info', underConversation: true } },
  'Message.replies': connection({ underConversation: true }),
  'Reaction.users': () => ({ calls: 0, env: { user: 'reference' } }),
  'Restriction.users': () => ({ calls: 0, env: { user: 'reference' } }),
  'User.conversations': connection({ conversation: 'list' }),
};

/** Conversation fields every list page carries, so they never cost a conversations.info call. */
const LIST_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'created',
  'updated',
  'name',
  'nameNormalized',
  'type',
  'isChannel',
  'isGroup',
  'isIm',
  'isMpim',
  'isPrivate',
  'isArchived',
  'isGeneral',
  'isShared',
  'isExtShared',
  'isOrgShared',
  'isPendingExtShared',
  'contextTeamId',
  'creator',
  'user',
  'topic',
  'purpose',
  'previousNames',
  'members',
  'messages',
]);

/** conversations.info inclusions that a first info call may have lacked. */
const INFO_INCLUSIONS = ['numMembers', 'locale'];

/** User fields that need no lookup. */
const USER_FREE_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'conversations']);

/**
 * Calls an object costs by itself given the fields selected on it (by field name), beyond what
 * the field that returned it already counted.
 */
export function objectCalls(typeName: string, fields: ReadonlySet<string>, env: CostEnv): number {
  if (typeName === 'Conversation') {
    if (env.conversation === 'list') {
      return [...fields].some((name) => !LIST_FIELDS.has(name)) ? 1 : 0;
    }
    if (env.conversation === 'info') {
      return INFO_INCLUSIONS.some((name) => fields.has(name)) ? 1 : 0;
    }
    return 0;
  }
  if (typeName === 'User' && env.user === 'reference') {
    return [...fields].some((name) => !USER_FREE_FIELDS.has(name)) ? 1 : 0;
  }
  // auth.test, once per request, answers both `user` and `team`.
  if (typeName === 'Viewer') return fields.has('user') || fields.has('team') ? 1 : 0;
  return 0;
}
