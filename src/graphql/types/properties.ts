import { builder } from '../builder.js';
import { slackField, USER_REFERENCE } from '../slack-cost.js';
import { CanvasRef, ConversationTabRef, PropertiesRef, RestrictionRef, UserRef } from './refs.js';

builder.objectType(RestrictionRef, {
  description: 'Who may post (or reply in threads). Each list is empty when Slack sends none.',
  fields: (t) => ({
    types: t.stringList({
      description: 'Slack restriction types, e.g. `admin`, `ra`.',
      resolve: (restriction) => restriction.type ?? [],
    }),
    users: t.field({
      ...slackField({ cost: USER_REFERENCE }),
      type: [UserRef],
      resolve: (restriction) => (restriction.user ?? []).map((id) => ({ id })),
    }),
    subteamIds: t.idList({ resolve: (restriction) => restriction.subteam ?? [] }),
  }),
});

builder.objectType(ConversationTabRef, {
  description: 'A tab shown in the conversation header.',
  fields: (t) => ({
    id: t.exposeID('id'),
    label: t.exposeString('label'),
    type: t.exposeString('type', { description: 'Slack tab type, e.g. `files`, `bookmarks`.' }),
    isDisabled: t.boolean({ nullable: true, resolve: (tab) => tab.is_disabled ?? null }),
  }),
});

builder.objectType(CanvasRef, {
  description: "The conversation's canvas.",
  fields: (t) => ({
    fileId: t.exposeID('file_id'),
    isEmpty: t.exposeBoolean('is_empty'),
    quipThreadId: t.exposeString('quip_thread_id'),
  }),
});

builder.objectType(PropertiesRef, {
  description: "A conversation's `properties`; a field Slack does not send is null.",
  fields: (t) => ({
    postingRestrictedTo: t.field({
      type: RestrictionRef,
      nullable: true,
      resolve: (properties) => properties.posting_restricted_to ?? null,
    }),
    threadsRestrictedTo: t.field({
      type: RestrictionRef,
      nullable: true,
      resolve: (properties) => properties.threads_restricted_to ?? null,
    }),
    tabs: t.field({
      type: [ConversationTabRef],
      description: 'Empty when Slack omits `tabs` (it does when there are none).',
      resolve: (properties) => properties.tabs ?? [],
    }),
    canvas: t.field({
      type: CanvasRef,
      nullable: true,
      resolve: (properties) => properties.canvas ?? null,
    }),
    atChannelRestricted: t.boolean({
      nullable: true,
      resolve: (properties) => properties.at_channel_restricted ?? null,
    }),
    atHereRestricted: t.boolean({
      nullable: true,
      resolve: (properties) => properties.at_here_restricted ?? null,
    }),
    huddlesRestricted: t.boolean({
      nullable: true,
      resolve: (properties) => properties.huddles_restricted ?? null,
    }),
    sharingDisabled: t.boolean({
      nullable: true,
      resolve: (properties) => properties.sharing_disabled ?? null,
    }),
    membershipLimit: t.int({
      nullable: true,
      resolve: (properties) => properties.membership_limit ?? null,
    }),
    defaultTabId: t.id({
      nullable: true,
      resolve: (properties) => properties.default_tab_id ?? null,
    }),
    autoOpenTabId: t.id({
      nullable: true,
      resolve: (properties) => properties.auto_open_tab_id ?? null,
    }),
    whoCanManageChannelAgent: t.string({
      nullable: true,
      resolve: (properties) => properties.who_can_manage_channel_agent ?? null,
    }),
  }),
});
