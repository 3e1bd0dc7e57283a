import type { SlackConversation } from '../../slack/wire-types.js';
import { builder } from '../builder.js';
import { conversationField, conversationFlag, mapMaybe } from '../conversation-source.js';
import { fromMilliseconds, fromSeconds } from '../scalars.js';
import {
  FREE,
  READ_BY_ID,
  type SharedCall,
  type SlackFieldCost,
  shared,
  slackField,
  USER_REFERENCE,
} from '../slack-cost.js';
import { ConversationTypeEnum, conversationTypeOf } from './conversation-type.js';
import { ConversationRef, MessageRef, PropertiesRef, TopicRef, UserRef } from './refs.js';

/** Non-null flags: `false` when Slack has no value (it omits false flags in places). */
const FLAGS = {
  isChannel: 'is_channel',
  isGroup: 'is_group',
  isIm: 'is_im',
  isMpim: 'is_mpim',
  isPrivate: 'is_private',
  isArchived: 'is_archived',
  isGeneral: 'is_general',
  isShared: 'is_shared',
  isExtShared: 'is_ext_shared',
  isOrgShared: 'is_org_shared',
  isPendingExtShared: 'is_pending_ext_shared',
} as const satisfies Record<string, keyof SlackConversation>;

/** Nullable flags: `null` when Slack has no value, even after asking conversations.info. */
const OPTIONAL_FLAGS = {
  isMember: 'is_member',
  isOpen: 'is_open',
  isFrozen: 'is_frozen',
  isReadOnly: 'is_read_only',
  isThreadOnly: 'is_thread_only',
  isNonThreadable: 'is_non_threadable',
  isGlobalShared: 'is_global_shared',
  isStarred: 'is_starred',
  hasPins: 'has_pins',
  isOrgDefault: 'is_org_default',
  isOrgMandatory: 'is_org_mandatory',
  isUserDeleted: 'is_user_deleted',
  isExtWsShared: 'is_ext_ws_shared',
  isFile: 'is_file',
  isChannelAgentEnabled: 'is_channel_agent_enabled',
} as const satisfies Record<string, keyof SlackConversation>;

const STRINGS = {
  name: 'name',
  nameNormalized: 'name_normalized',
  locale: 'locale',
  lastRead: 'last_read',
  frozenReason: 'frozen_reason',
  useCase: 'use_case',
} as const satisfies Record<string, keyof SlackConversation>;

const IDS = {
  contextTeamId: 'context_team_id',
  conversationHostId: 'conversation_host_id',
  enterpriseId: 'enterprise_id',
  parentConversationId: 'parent_conversation',
} as const satisfies Record<string, keyof SlackConversation>;

const INTS = {
  numMembers: 'num_members',
  unreadCount: 'unread_count',
  unreadCountDisplay: 'unread_count_display',
  retentionDuration: 'retention_duration',
  unlinked: 'unlinked',
  isMoved: 'is_moved',
} as const satisfies Record<string, keyof SlackConversation>;

const ID_LISTS = {
  sharedTeamIds: 'shared_team_ids',
  internalTeamIds: 'internal_team_ids',
  connectedTeamIds: 'connected_team_ids',
  connectedLimitedTeamIds: 'connected_limited_team_ids',
  pendingConnectedTeamIds: 'pending_connected_team_ids',
  pendingShared: 'pending_shared',
} as const satisfies Record<string, keyof SlackConversation>;

/** Fields every list page carries: reading them costs nothing beyond the page. */
const LISTED = slackField({ cost: FREE });

/** A field list pages lack: conversations.info (shared by the object's fields) supplies it. */
function fromInfo(call: SharedCall = 'conversation'): {
  extensions: { slackCost: SlackFieldCost };
} {
  return slackField({ cost: shared(call), scopes: READ_BY_ID });
}

/** The inclusions conversations.info sends only when asked (`include_num_members`, `include_locale`). */
const INFO_EXTRAS: ReadonlySet<string> = new Set(['numMembers', 'locale']);

/** The listed ones of the STRINGS and IDS fields; the rest come from conversations.info. */
const LISTED_SCALARS: ReadonlySet<string> = new Set(['name', 'nameNormalized', 'contextTeamId']);

function scalarCost(name: string) {
  if (LISTED_SCALARS.has(name)) return LISTED;
  return fromInfo(INFO_EXTRAS.has(name) ? 'conversation-extras' : 'conversation');
}

builder.node(ConversationRef, {
  description:
    'A Slack conversation: public or private channel, MPIM or IM. `id` is the Slack ID (`C…`, `G…`, `D…`).',
  id: { resolve: (conversation) => conversation.data.id },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'origin' in value,
  loadOne: (id, context) => context.loaders.conversations.load(id),
  fields: (t) => ({
    type: t.field({
      ...LISTED,
      type: ConversationTypeEnum,
      resolve: (conversation, _args, context) => {
        const { data } = conversation;
        if (data.is_im || data.is_mpim || data.is_private !== undefined) {
          return conversationTypeOf(data);
        }
        return context.loaders.conversations
          .loadInfo(data.id)
          .then((full) => conversationTypeOf(full.data));
      },
    }),
    created: t.field({
      type: 'DateTime',
      description: 'When the conversation was created (Slack: `created`, seconds).',
      resolve: (conversation) => fromSeconds(conversation.data.created),
    }),
    updated: t.field({
      ...LISTED,
      type: 'DateTime',
      nullable: true,
      description: 'Last update (Slack: `updated`, milliseconds).',
      resolve: (conversation, _args, context) =>
        mapMaybe(conversationField(conversation, 'updated', context), (value) =>
          value === undefined ? null : fromMilliseconds(value),
        ),
    }),
    creator: t.field({
      ...slackField({ cost: USER_REFERENCE }),
      type: UserRef,
      nullable: true,
      resolve: (conversation, _args, context) =>
        mapMaybe(conversationField(conversation, 'creator', context), (id) => (id ? { id } : null)),
    }),
    user: t.field({
      ...slackField({ cost: USER_REFERENCE }),
      type: UserRef,
      nullable: true,
      description: 'The other party of an IM.',
      resolve: (conversation, _args, context) =>
        mapMaybe(conversationField(conversation, 'user', context), (id) => (id ? { id } : null)),
    }),
    topic: t.field({
      ...LISTED,
      type: TopicRef,
      nullable: true,
      resolve: (conversation, _args, context) =>
        mapMaybe(conversationField(conversation, 'topic', context), (value) => value ?? null),
    }),
    purpose: t.field({
      ...LISTED,
      type: TopicRef,
      nullable: true,
      description: 'The channel description (Slack: `purpose`).',
      resolve: (conversation, _args, context) =>
        mapMaybe(conversationField(conversation, 'purpose', context), (value) => value ?? null),
    }),
    properties: t.field({
      ...fromInfo(),
      type: PropertiesRef,
      nullable: true,
      resolve: (conversation, _args, context) =>
        mapMaybe(conversationField(conversation, 'properties', context), (value) => value ?? null),
    }),
    previousNames: t.stringList({
      ...LISTED,
      description:
        "Former names, in Slack's order (each rename appends the name it replaced); empty when never renamed.",
      resolve: (conversation, _args, context) =>
        mapMaybe(
          conversationField(conversation, 'previous_names', context),
          (value) => value ?? [],
        ),
    }),
    priority: t.float({
      ...fromInfo(),
      nullable: true,
      resolve: (conversation, _args, context) =>
        mapMaybe(conversationField(conversation, 'priority', context), (value) => value ?? null),
    }),
    latest: t.field({
      ...slackField({
        cost: shared('conversation', { underConversation: true }),
        scopes: READ_BY_ID,
      }),
      type: MessageRef,
      nullable: true,
      description: 'The latest message, for members (Slack: `latest`).',
      resolve: (conversation, _args, context) =>
        mapMaybe(conversationField(conversation, 'latest', context), (message) =>
          message ? { channel: conversation.data.id, message, conversation } : null,
        ),
    }),
    ...Object.fromEntries(
      Object.entries(FLAGS).map(([name, key]) => [
        name,
        t.boolean({
          ...LISTED,
          resolve: (conversation, _args, context) => conversationFlag(conversation, key, context),
        }),
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(OPTIONAL_FLAGS).map(([name, key]) => [
        name,
        t.boolean({
          ...fromInfo(),
          nullable: true,
          resolve: (conversation, _args, context) =>
            mapMaybe(
              conversationField(conversation, key, context),
              (value) => (value as boolean | undefined) ?? null,
            ),
        }),
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(STRINGS).map(([name, key]) => [
        name,
        t.string({
          ...scalarCost(name),
          nullable: true,
          resolve: (conversation, _args, context) =>
            mapMaybe(
              conversationField(conversation, key, context),
              (value) => (value as string | undefined) ?? null,
            ),
        }),
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(IDS).map(([name, key]) => [
        name,
        t.id({
          ...scalarCost(name),
          nullable: true,
          resolve: (conversation, _args, context) =>
            mapMaybe(
              conversationField(conversation, key, context),
              (value) => (value as string | null | undefined) || null,
            ),
        }),
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(INTS).map(([name, key]) => [
        name,
        t.int({
          ...scalarCost(name),
          nullable: true,
          resolve: (conversation, _args, context) =>
            mapMaybe(
              conversationField(conversation, key, context),
              (value) => (value as number | undefined) ?? null,
            ),
        }),
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(ID_LISTS).map(([name, key]) => [
        name,
        t.idList({
          ...fromInfo(),
          nullable: true,
          resolve: (conversation, _args, context) =>
            mapMaybe(
              conversationField(conversation, key, context),
              (value) => (value as string[] | undefined) ?? null,
            ),
        }),
      ]),
    ),
  }),
});
