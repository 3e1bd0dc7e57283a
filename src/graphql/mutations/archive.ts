import {
  AlreadyArchivedError,
  CantArchiveGeneralError,
  ChannelNotFoundError,
  MethodNotSupportedForChannelTypeError,
  NotArchivedError,
  NotInChannelError,
  RestrictedActionError,
} from '../types/mutation-errors.js';
import { defineMutation } from './define-mutation.js';
import { conversationIdInput, conversationPayload, type PayloadSource } from './payload.js';
import { performWrite } from './perform-write.js';

const ArchivePayload = conversationPayload<PayloadSource>(
  'ArchiveConversationPayload',
  'The archived channel (Slack answers no object, so it is read when selected).',
);

defineMutation({
  name: 'archiveConversation',
  description: 'Archives a channel the caller is in (conversations.archive).',
  input: conversationIdInput('ArchiveConversationInput', 'conversations.archive'),
  payload: ArchivePayload,
  errors: [
    ChannelNotFoundError,
    NotInChannelError,
    AlreadyArchivedError,
    CantArchiveGeneralError,
    MethodNotSupportedForChannelTypeError,
    RestrictedActionError,
  ],
  field: 'id',
  scopes: { conversations: { access: 'write', types: 'by-id' } },
  async resolve({ id }, context) {
    await performWrite(context, {
      method: 'conversations.archive',
      args: { channel: id },
      conversation: id,
      // Repeating is harmless: `already_archived` then means the first attempt did it.
      recovery: { kind: 'retry', settledBy: ['already_archived'] },
    });
    return { conversationId: id };
  },
});

const UnarchivePayload = conversationPayload<PayloadSource>(
  'UnarchiveConversationPayload',
  'The channel, no longer archived; the caller is now a member.',
);

defineMutation({
  name: 'unarchiveConversation',
  description:
    'Unarchives a channel and joins the caller to it (conversations.unarchive; user tokens only).',
  input: conversationIdInput('UnarchiveConversationInput', 'conversations.unarchive'),
  payload: UnarchivePayload,
  errors: [ChannelNotFoundError, NotArchivedError, MethodNotSupportedForChannelTypeError],
  field: 'id',
  scopes: { conversations: { access: 'write', types: 'by-id' }, tokens: 'user' },
  async resolve({ id }, context) {
    await performWrite(context, {
      method: 'conversations.unarchive',
      args: { channel: id },
      conversation: id,
      recovery: { kind: 'retry', settledBy: ['not_archived'] },
    });
    return { conversationId: id };
  },
});
