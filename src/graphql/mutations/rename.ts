import type { SlackConversationResponse } from '../../slack/wire-types.js';
import { builder } from '../builder.js';
import {
  ChannelNotFoundError,
  IsArchivedError,
  MethodNotSupportedForChannelTypeError,
  NameTakenError,
  NotAuthorizedError,
  NotInChannelError,
} from '../types/mutation-errors.js';
import { defineMutation } from './define-mutation.js';
import { renameProblem } from './input-rules.js';
import { conversationPayload, type PayloadSource } from './payload.js';
import { answeredChannel, performWrite } from './perform-write.js';
import { validationFailure } from './slack-failures.js';

const RenameInput = builder.inputType('RenameConversationInput', {
  description: 'conversations.rename',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The channel.' }),
    name: t.string({
      required: true,
      description:
        "The new name. Slack may normalise it to fit the channel-name rules: read it back from the payload's conversation.",
    }),
  }),
});

const RenamePayloadRef = conversationPayload<PayloadSource>(
  'RenameConversationPayload',
  'The renamed channel (its old name is now in `previousNames`).',
  { answered: true },
);

defineMutation({
  name: 'renameConversation',
  description:
    'Renames a channel; only its creator or a workspace admin may (conversations.rename).',
  input: RenameInput,
  payload: RenamePayloadRef,
  errors: [
    ChannelNotFoundError,
    NotInChannelError,
    NameTakenError,
    NotAuthorizedError,
    IsArchivedError,
    MethodNotSupportedForChannelTypeError,
  ],
  field: 'name',
  scopes: { conversations: { access: 'write', types: 'by-id' } },
  async resolve(input, context) {
    const found = renameProblem(input.name);
    if (found) throw validationFailure(found);
    await performWrite<SlackConversationResponse>(context, {
      method: 'conversations.rename',
      args: { channel: input.id, name: input.name },
      conversation: input.id,
      // A repeat could answer `name_taken` for the name the first attempt set: look first.
      recovery: { kind: 'check', holds: (channel) => channel.name === input.name },
      fresh: answeredChannel,
    });
    return { conversationId: input.id };
  },
});
