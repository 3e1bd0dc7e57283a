import { LIST_PAGE_COST } from '../loaders/conversation-scan.js';
import { SLACK_MAX_PAGE_LIMIT, type SlackMethod } from '../slack/methods.js';
import type { SlackConversationType } from '../slack/wire-types.js';
import { DEFAULT_FIRST, MAX_FIRST } from './connection.js';

/**
 * What a field costs in Slack calls and which OAuth scopes it needs, declared next to the field
 * (`...slackField(…)` in its options). The declaration lands in the field's `extensions.slackCost`,
 * from where the estimator (src/operation-cost/cost-model.ts), the published `@cost`/`@listSize`
 * directives (src/graphql/cost-directives.ts) and the scope calculator (src/operation-cost/scopes.ts)
 * read it: one table, never two. Every number is an upper bound of what the resolver and its loaders do.
 */

/** Where a conversation object came from; it decides which of its fields are free. */
export type ConversationSource = 'list' | 'info' | 'info-with-extras';

/** Where a user object came from: only its ID, or already loaded. */
export type UserSource = 'reference' | 'loaded';

/** What the estimator knows about the objects below a field. */
export interface CostEnv {
  conversation: ConversationSource;
  user: UserSource;
  /** True below a Conversation: its messages know their conversation without a call. */
  underConversation: boolean;
}

/**
 * A call shared by every field of one object that needs it (the fields of one conversation share
 * its conversations.info call):
 * - `conversation`: conversations.info, for a conversation that came in a list page;
 * - `conversation-extras`: conversations.info with `num_members`/`locale`, unless the first
 *   lookup already asked for them;
 * - `user`: users.info for a user known only by ID;
 * - `auth`: auth.test, once per request.
 */
export type SharedCall = 'conversation' | 'conversation-extras' | 'user' | 'auth';

/** How a field spends Slack calls. */
export type CostRule =
  /** `calls` of its own (0 for a free field that reads its parent), and what it returns. */
  | { kind: 'calls'; calls: number; env?: Partial<CostEnv> }
  /**
   * A Relay connection read from `method`: `ceil((first + 1) / limit)` pages, `first` nodes,
   * where `limit` is the method's largest page (`pageLimitOf`: 15 for history and replies of an
   * unlisted app).
   */
  | {
      kind: 'connection';
      env: Partial<CostEnv>;
      defaultFirst: number;
      maxFirst: number;
      method: SlackMethod;
    }
  /** Objects by ID (`ids`, `representations`): a lookup each, plus one list page for a batch. */
  | { kind: 'lookups'; argument: string; scanFrom: number }
  /** A write: the call, after a lost answer a conversations.info check and one repeat. */
  | { kind: 'write'; calls: number }
  /** A message's conversation: free below a conversation, else one conversations.info. */
  | { kind: 'message-conversation' }
  /** A field served by its object's shared call. */
  | { kind: 'shared'; call: SharedCall; env?: Partial<CostEnv> };

/** The families of conversation access Slack grants per conversation type. */
export type ConversationAccess = 'read' | 'history' | 'write' | 'topic' | 'invite' | 'join';

/** Which conversation types a field's conversation scopes apply to. */
export type ScopeTypes =
  /** The conversations the operation names by ID: any type the app deals with. */
  | 'by-id'
  /** The field's `types` argument (PUBLIC_CHANNEL when absent, as Slack defaults). */
  | 'types-argument'
  /** `isPrivate` of the mutation's input: a private or a public channel. */
  | 'is-private-input'
  /** `users` of the mutation's input: a DM (one user) or a group DM (more). */
  | 'open-input';

/** OAuth scopes a field needs (any token kind unless `tokens` says otherwise). */
export interface ScopeNeed {
  /** Scopes needed whatever the conversation (e.g. `users:read`). */
  fixed?: readonly string[];
  /** Access needed on conversations, and on which of their types. */
  conversations?: { access: ConversationAccess; types: ScopeTypes };
  /** Token kinds the Slack method accepts; user tokens only for e.g. conversations.unarchive. */
  tokens?: 'user';
  /** Scopes without which Slack still answers but leaves the field's value out (`email`). */
  reveals?: readonly string[];
  /** For `node`/`nodes`/`_entities`: the needs of each type they may return. */
  byType?: Readonly<Record<string, ScopeNeed>>;
}

/** One field's declaration: `extensions.slackCost`. */
export interface SlackFieldCost {
  cost: CostRule;
  scopes?: ScopeNeed;
}

/** The `extensions` key of the declaration. */
export const SLACK_COST_EXTENSION = 'slackCost';

/** Field options carrying `declaration`: spread into `t.field({ ...slackField(…), … })`. */
export function slackField(declaration: SlackFieldCost): {
  extensions: { [SLACK_COST_EXTENSION]: SlackFieldCost };
} {
  return { extensions: { [SLACK_COST_EXTENSION]: declaration } };
}

/** The `extensions` key of a type's per-object lookup cost. */
export const SLACK_OBJECT_COST_EXTENSION = 'slackObjectCost';

/**
 * Type options for a type whose objects, known only by ID, may each cost `calls` lookups when a
 * field beyond `id` is selected (`User`: users.info). Published as the type's `@cost`.
 */
export function slackObject(calls: number): {
  extensions: { [SLACK_OBJECT_COST_EXTENSION]: number };
} {
  return { extensions: { [SLACK_OBJECT_COST_EXTENSION]: calls } };
}

/** A type's per-object lookup cost (0 unless declared with `slackObject`). */
export function slackObjectCostOf(type: {
  extensions?: Readonly<Record<string, unknown>> | null | undefined;
}): number {
  const calls = type.extensions?.[SLACK_OBJECT_COST_EXTENSION];
  return typeof calls === 'number' ? calls : 0;
}

/** The declaration of a field, if it has one. */
export function slackCostOf(field: {
  extensions?: Readonly<Record<string, unknown>> | null | undefined;
}): SlackFieldCost | undefined {
  return field.extensions?.[SLACK_COST_EXTENSION] as SlackFieldCost | undefined;
}

/** A field with `calls` calls of its own. */
export function calls(count: number, env?: Partial<CostEnv>): CostRule {
  return env === undefined ? { kind: 'calls', calls: count } : { kind: 'calls', calls: count, env };
}

/** A field that costs nothing itself (it reads what its parent holds). */
export const FREE: CostRule = calls(0);

/** A field that returns a user known only by ID. */
export const USER_REFERENCE: CostRule = calls(0, { user: 'reference' });

/** A connection paged from `method` with the gateway's page sizes. */
export function connection(method: SlackMethod, env: Partial<CostEnv>): CostRule {
  return { kind: 'connection', env, defaultFirst: DEFAULT_FIRST, maxFirst: MAX_FIRST, method };
}

/**
 * Objects by ID: a batch large enough to scan list pages may read one page in vain
 * (src/loaders/conversation-scan.ts never costs more).
 */
export function lookups(argument: string): CostRule {
  return { kind: 'lookups', argument, scanFrom: 2 * LIST_PAGE_COST };
}

/** Calls of one mutation field: the write, a check of its effect, one repeat. */
export const MUTATION_FIELD_CALLS = 3;

/** A mutation field (src/graphql/mutations/perform-write.ts). */
export const WRITE: CostRule = { kind: 'write', calls: MUTATION_FIELD_CALLS };

/**
 * Slack calls needed to read `first` items plus the one that tells `hasNextPage` (the resolver
 * reads one item past `first`), `pageLimit` at a time.
 */
export function connectionPages(first: number, pageLimit = SLACK_MAX_PAGE_LIMIT): number {
  return Math.ceil((first + 1) / pageLimit);
}

/** A field served by its object's shared call. */
export function shared(call: SharedCall, env?: Partial<CostEnv>): CostRule {
  return env === undefined ? { kind: 'shared', call } : { kind: 'shared', call, env };
}

/** Conversation read access for the conversations named by ID. */
export const READ_BY_ID: ScopeNeed = { conversations: { access: 'read', types: 'by-id' } };
/** History access for the conversations named by ID. */
export const HISTORY_BY_ID: ScopeNeed = { conversations: { access: 'history', types: 'by-id' } };
/** users.info / users.list. */
export const USERS_READ: ScopeNeed = { fixed: ['users:read'] };
/** conversations.list / users.conversations: the read scope of each listed type. */
export const LIST_READ: ScopeNeed = { conversations: { access: 'read', types: 'types-argument' } };

/** The two kinds of Slack token, which Slack grants different scopes. */
export type TokenKind = 'user' | 'bot';

/** Slack's scope prefix per conversation type. */
const PREFIX: Readonly<Record<SlackConversationType, string>> = {
  public_channel: 'channels',
  private_channel: 'groups',
  im: 'im',
  mpim: 'mpim',
};

/**
 * The scope Slack names in `needed` for `access` on a conversation of `type`: per type
 * (`channels:*` public, `groups:*` private, `im:*`, `mpim:*`), and for public channels per token
 * kind (a bot manages channels with `channels:manage` and joins with `channels:join`; a user
 * does both with `channels:write`). Topics and purposes take the narrower `*:write.topic`.
 * @see https://docs.slack.dev/reference/scopes
 */
export function conversationScope(
  type: SlackConversationType,
  access: ConversationAccess,
  token: TokenKind,
): string {
  const prefix = PREFIX[type];
  const publicWrite = token === 'bot' ? 'channels:manage' : 'channels:write';
  switch (access) {
    case 'read':
    case 'history':
      return `${prefix}:${access}`;
    case 'write':
    case 'invite':
      return type === 'public_channel' ? publicWrite : `${prefix}:write`;
    case 'topic':
      return `${prefix}:write.topic`;
    case 'join':
      return token === 'bot' ? 'channels:join' : 'channels:write';
  }
}

/** The conversation types a `ScopeTypes` may cover, for descriptions. */
const TYPES_OF: Readonly<Record<ScopeTypes, readonly SlackConversationType[]>> = {
  'by-id': ['public_channel', 'private_channel', 'im', 'mpim'],
  'types-argument': ['public_channel', 'private_channel', 'im', 'mpim'],
  'is-private-input': ['public_channel', 'private_channel'],
  'open-input': ['im', 'mpim'],
};

/** `need` in words, for the field's description (the scope calculator is src/operation-cost/scopes.ts). */
export function describeScopes(need: ScopeNeed): string {
  const parts = [...(need.fixed ?? [])];
  for (const scope of need.reveals ?? []) parts.push(`${scope} to see the value`);
  if (need.conversations !== undefined) {
    const { access, types } = need.conversations;
    const of = (token: TokenKind) =>
      TYPES_OF[types]
        .map((type) => conversationScope(type, access, token))
        .filter((scope, index, all) => all.indexOf(scope) === index)
        .join(' / ');
    const perType =
      types === 'types-argument' ? 'one per listed conversation type' : 'one per conversation type';
    parts.push(
      of('bot') === of('user')
        ? `${of('user')} (${perType})`
        : `${of('user')} (${perType}; bot tokens: ${of('bot')})`,
    );
  }
  if (need.tokens === 'user') parts.push('user tokens only');
  for (const [type, typeNeed] of Object.entries(need.byType ?? {})) {
    parts.push(`for a ${type}: ${describeScopes(typeNeed)}`);
  }
  return parts.join('; ');
}

/**
 * Scopes Slack also accepts in place of `scope`: a conversation's write scope covers setting its
 * topic and purpose (`*:write.topic` is the narrower grant).
 */
export function broaderScopes(scope: string, token: TokenKind): readonly string[] {
  const topic = /^(\w+):write\.topic$/.exec(scope);
  if (topic === null) return [];
  const prefix = topic[1] as string;
  if (prefix !== 'channels') return [`${prefix}:write`];
  return [token === 'bot' ? 'channels:manage' : 'channels:write'];
}
