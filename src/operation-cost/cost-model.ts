import type { GraphQLField, GraphQLObjectType } from 'graphql';
import {
  type CostEnv,
  type CostRule,
  connectionPages,
  type SharedCall,
  slackCostOf,
} from '../graphql/slack-cost.js';
import { pageLimitOf } from '../slack/methods.js';

export type { CostEnv } from '../graphql/slack-cost.js';
export { connectionPages, MUTATION_FIELD_CALLS } from '../graphql/slack-cost.js';

/**
 * The Slack-call cost model: how many Slack calls each field may cause, at worst, read from the
 * declarations next to the fields (`extensions.slackCost`, src/graphql/slack-cost.ts).
 * `estimate-calls.ts` walks an operation with it before execution; every number is an upper
 * bound of what the resolvers and loaders do, ignoring the savings of per-request de-duplication
 * and batching, which depend on the data.
 *
 * - A connection costs its pages: `ceil((first + 1) / limit)` calls (the resolver reads one item
 *   past `first` to know `hasNextPage`; `limit` is the largest its method takes: 999, or 15 for
 *   history and replies of an unlisted app), and whatever its nodes cost, times `first`. Nested
 *   connections therefore multiply.
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

export const ROOT_ENV: CostEnv = {
  conversation: 'info',
  user: 'loaded',
  underConversation: false,
};

/** How one field spends calls. */
interface FieldCost {
  /** Calls made by the field itself. */
  calls: number;
  /** How many objects the field returns (list length, or `first` of a connection). */
  items?: number;
  /** What the walker knows about the returned objects. */
  env?: Partial<CostEnv>;
}

type Args = Readonly<Record<string, unknown>>;

/** The `first` a connection's resolver will use, or -1 when it will refuse the arguments. */
function connectionFirst(args: Args, rule: Extract<CostRule, { kind: 'connection' }>): number {
  const first = args.first ?? rule.defaultFirst;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 0 || first > rule.maxFirst) {
    return -1;
  }
  return first;
}

/** What the cost of a field depends on besides the operation: the gateway's configuration. */
export interface CostSettings {
  /** `SLACK_UNLISTED_APP`: history and replies pages hold at most 15 messages. */
  unlistedApp: boolean;
}

/** What `field` costs with `args` below an object the walker knows `env` of. */
export function fieldCost(
  field: GraphQLField<unknown, unknown>,
  args: Args,
  env: CostEnv,
  settings: CostSettings,
): FieldCost {
  const rule = slackCostOf(field)?.cost;
  if (rule === undefined) return { calls: 0 };
  switch (rule.kind) {
    case 'calls':
      return rule.env === undefined ? { calls: rule.calls } : { calls: rule.calls, env: rule.env };
    case 'write':
      return { calls: rule.calls };
    case 'shared':
      // The call itself is counted once per object by `objectCalls`.
      return rule.env === undefined ? { calls: 0 } : { calls: 0, env: rule.env };
    case 'connection': {
      const first = connectionFirst(args, rule);
      // Invalid arguments are refused (BAD_USER_INPUT) before any call.
      if (first < 0) return { calls: 0, items: 0 };
      const pages = connectionPages(first, pageLimitOf(rule.method, settings.unlistedApp));
      return { calls: pages, items: first, env: rule.env };
    }
    case 'lookups': {
      const value = args[rule.argument];
      const count = Array.isArray(value) ? value.length : 0;
      const scan = count >= rule.scanFrom ? 1 : 0;
      return { calls: count + scan, items: count, env: { conversation: 'info', user: 'loaded' } };
    }
    case 'message-conversation':
      return env.underConversation
        ? { calls: 0, env: { conversation: 'list' } }
        : { calls: 1, env: { conversation: 'info', underConversation: true } };
  }
}

/** Whether an object known by `env` still has to make `call`. */
function sharedCallNeeded(call: SharedCall, env: CostEnv): boolean {
  switch (call) {
    case 'conversation':
      return env.conversation === 'list';
    case 'conversation-extras':
      return env.conversation !== 'info-with-extras';
    case 'user':
      return env.user === 'reference';
    case 'auth':
      return true;
  }
}

/**
 * Calls an object costs by itself given the fields selected on it (by field name), beyond what
 * the field that returned it already counted: each shared call its selected fields need, once.
 */
export function objectCalls(
  type: GraphQLObjectType,
  fields: ReadonlySet<string>,
  env: CostEnv,
): number {
  const definitions = type.getFields();
  const needed = new Set<SharedCall>();
  for (const name of fields) {
    const definition = definitions[name];
    const rule = definition === undefined ? undefined : slackCostOf(definition)?.cost;
    if (rule?.kind === 'shared' && sharedCallNeeded(rule.call, env)) needed.add(rule.call);
  }
  // One conversations.info call with the extras also serves the plain fields.
  if (needed.has('conversation-extras')) needed.delete('conversation');
  return needed.size;
}
