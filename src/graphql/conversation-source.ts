import type { ConversationSnapshot } from '../loaders/index.js';
import type { SlackConversation } from '../slack/wire-types.js';
import type { GraphQLContext } from './context-type.js';

/**
 * What conversations.info adds to an IM over the minimal IM shape of list methods
 * (docs/slack-behaviour.md#the-conversation-object). Any other field an IM lacks, Slack never sends
 * for IMs.
 */
const IM_INFO_FIELDS: ReadonlySet<keyof SlackConversation> = new Set<keyof SlackConversation>([
  'is_open',
  'last_read',
  'latest',
  'unread_count',
  'unread_count_display',
  'priority',
  'locale',
  'num_members',
]);

/** Fields Slack sends only for IMs (`is_open` also for MPIMs). */
const IM_ONLY_FIELDS: ReadonlySet<keyof SlackConversation> = new Set<keyof SlackConversation>([
  'user',
  'is_user_deleted',
]);

/**
 * Whether conversations.info could supply `key` that `snapshot` lacks. List pages carry
 * "limited" objects (users.conversations omits `is_member` and `num_members`), while an info
 * result lacks only the inclusions it did not ask for (`num_members`, `locale`).
 */
function infoMaySupply(snapshot: ConversationSnapshot, key: keyof SlackConversation): boolean {
  if (key === 'num_members' && snapshot.withNumMembers) return false;
  if (key === 'locale' && snapshot.withLocale) return false;
  if (snapshot.origin === 'conversations.info' && key !== 'num_members' && key !== 'locale') {
    return false;
  }
  if (snapshot.data.is_im === true) return IM_INFO_FIELDS.has(key);
  if (IM_ONLY_FIELDS.has(key)) return false;
  if (key === 'is_open') return snapshot.data.is_mpim === true;
  return true;
}

/** A value at hand, or a promise of it when Slack must be asked first. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * `map` applied to `value` now, or once it arrives. A value at hand costs no promise: a list of
 * 200 conversations then resolves its fields synchronously, as GraphQL executes plain values
 * without a microtask per field.
 */
export function mapMaybe<T, R>(value: MaybePromise<T>, map: (value: T) => R): MaybePromise<R> {
  return value instanceof Promise ? value.then(map) : map(value);
}

/**
 * One field of a conversation, as Slack has it. A field the snapshot lacks is read from
 * conversations.info, and only when the query asks for it (keys requested in the same tick share
 * one call per conversation); `undefined` means Slack has no value at all.
 */
export function conversationField<K extends keyof SlackConversation>(
  snapshot: ConversationSnapshot,
  key: K,
  context: GraphQLContext,
): MaybePromise<SlackConversation[K] | undefined> {
  const value = snapshot.data[key];
  if (value !== undefined || !infoMaySupply(snapshot, key)) return value;
  return context.loaders.conversations
    .loadInfo(snapshot.data.id, {
      numMembers: key === 'num_members',
      locale: key === 'locale',
    })
    .then((full) => full.data[key]);
}

/** Names of the conversation booleans that are fixed for an IM although Slack omits them. */
const IM_FLAGS: Partial<Record<keyof SlackConversation, boolean>> = {
  is_channel: false,
  is_group: false,
  is_mpim: false,
  is_im: true,
  is_private: true,
};

/**
 * A non-null flag: Slack omits false flags in places (IMs carry none of the channel flags), so
 * a flag Slack has no value for is `false`, except the type flags an IM implies.
 */
export function conversationFlag(
  snapshot: ConversationSnapshot,
  key: keyof SlackConversation,
  context: GraphQLContext,
): MaybePromise<boolean> {
  if (snapshot.data.is_im === true && IM_FLAGS[key] !== undefined) return IM_FLAGS[key] === true;
  return mapMaybe(conversationField(snapshot, key, context), (value) => value === true);
}
