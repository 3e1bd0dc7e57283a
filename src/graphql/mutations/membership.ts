import type { SlackConversationResponse, SlackEnvelope } from '../../slack/wire-types.js';
import { builder } from '../builder.js';
import {
  CantLeaveGeneralError,
  ChannelNotFoundError,
  IsArchivedError,
  LastMemberError,
  MethodNotSupportedForChannelTypeError,
  UserIsRestrictedError,
} from '../types/mutation-errors.js';
import { defineMutation } from './define-mutation.js';
import { conversationIdInput, conversationPayload, type PayloadSource } from './payload.js';
import { answeredChannel, performWrite } from './perform-write.js';

interface JoinPayload extends PayloadSource {
  alreadyInChannel: boolean;
}
const JoinPayloadRef = conversationPayload<JoinPayload>(
  'JoinConversationPayload',
  'The channel the caller is now a member of.',
  { answered: true },
);
builder.objectFields(JoinPayloadRef, (t) => ({
  alreadyInChannel: t.exposeBoolean('alreadyInChannel', {
    description: "The caller was already a member (Slack's `already_in_channel` warning).",
  }),
}));

defineMutation({
  name: 'joinConversation',
  description: 'Joins the caller to a public channel (conversations.join).',
  input: conversationIdInput('JoinConversationInput', 'conversations.join'),
  payload: JoinPayloadRef,
  errors: [ChannelNotFoundError, IsArchivedError, MethodNotSupportedForChannelTypeError],
  field: 'id',
  scopes: { conversations: { access: 'join', types: 'by-id' } },
  async resolve({ id }, context) {
    const { response, repeated } = await performWrite<SlackConversationResponse>(context, {
      method: 'conversations.join',
      args: { channel: id },
      conversation: id,
      // Joining twice only adds the `already_in_channel` warning.
      recovery: { kind: 'retry' },
      fresh: answeredChannel,
    });
    return { conversationId: id, alreadyInChannel: !repeated && hasWarning(response) };
  },
});

interface LeavePayload extends PayloadSource {
  notInChannel: boolean;
}
const LeavePayloadRef = conversationPayload<LeavePayload>(
  'LeaveConversationPayload',
  'The conversation the caller left (null when it is private and so no longer visible).',
);
builder.objectFields(LeavePayloadRef, (t) => ({
  notInChannel: t.exposeBoolean('notInChannel', {
    description: "The caller was not a member (Slack's `not_in_channel: true`; not an error).",
  }),
}));

defineMutation({
  name: 'leaveConversation',
  description: 'Removes the caller from a channel or group DM (conversations.leave).',
  input: conversationIdInput('LeaveConversationInput', 'conversations.leave'),
  payload: LeavePayloadRef,
  errors: [
    ChannelNotFoundError,
    CantLeaveGeneralError,
    LastMemberError,
    IsArchivedError,
    MethodNotSupportedForChannelTypeError,
    UserIsRestrictedError,
  ],
  field: 'id',
  scopes: { conversations: { access: 'write', types: 'by-id' } },
  async resolve({ id }, context) {
    const { response, repeated } = await performWrite<SlackEnvelope & { not_in_channel?: boolean }>(
      context,
      {
        method: 'conversations.leave',
        args: { channel: id },
        conversation: id,
        // Leaving twice answers `not_in_channel: true`, which is not an error.
        recovery: { kind: 'retry' },
      },
    );
    return { conversationId: id, notInChannel: !repeated && response?.not_in_channel === true };
  },
});

interface ClosePayload extends PayloadSource {
  alreadyClosed: boolean;
}
const ClosePayloadRef = conversationPayload<ClosePayload>(
  'CloseConversationPayload',
  'The DM or group DM, now closed for the caller (membership is unchanged).',
);
builder.objectFields(ClosePayloadRef, (t) => ({
  alreadyClosed: t.exposeBoolean('alreadyClosed', {
    description: "It was already closed (Slack's `already_closed`).",
  }),
}));

defineMutation({
  name: 'closeConversation',
  description: 'Closes a DM or group DM for the caller (conversations.close).',
  input: conversationIdInput('CloseConversationInput', 'conversations.close'),
  payload: ClosePayloadRef,
  errors: [ChannelNotFoundError, MethodNotSupportedForChannelTypeError],
  field: 'id',
  scopes: { conversations: { access: 'write', types: 'by-id' } },
  async resolve({ id }, context) {
    const { response, repeated } = await performWrite<SlackEnvelope & { already_closed?: boolean }>(
      context,
      {
        method: 'conversations.close',
        args: { channel: id },
        conversation: id,
        recovery: { kind: 'retry' },
      },
    );
    return { conversationId: id, alreadyClosed: !repeated && response?.already_closed === true };
  },
});

/** Slack's warning, in `warning` (CSV) or `response_metadata.warnings`. */
function hasWarning(response: SlackEnvelope | undefined, code = 'already_in_channel'): boolean {
  if (response === undefined) return false;
  const warnings = [
    ...(response.warning?.split(',') ?? []),
    ...(response.response_metadata?.warnings ?? []),
  ];
  return warnings.includes(code);
}
