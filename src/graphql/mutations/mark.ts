import { builder } from '../builder.js';
import { ChannelNotFoundError, NotInChannelError } from '../types/mutation-errors.js';
import { defineMutation } from './define-mutation.js';
import { conversationPayload, type PayloadSource } from './payload.js';
import { performWrite } from './perform-write.js';

const MarkInput = builder.inputType('MarkConversationInput', {
  description: 'conversations.mark',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The conversation.' }),
    ts: t.string({
      required: true,
      description: 'Read up to this message `ts` (e.g. "1700000000.000100"); may move backwards.',
    }),
  }),
});

const MarkPayloadRef = conversationPayload<PayloadSource>(
  'MarkConversationPayload',
  "The conversation with the caller's new read cursor (`lastRead`, unread counts).",
);

defineMutation({
  name: 'markConversation',
  description: "Moves the caller's read cursor (conversations.mark).",
  input: MarkInput,
  payload: MarkPayloadRef,
  errors: [ChannelNotFoundError, NotInChannelError],
  field: 'ts',
  scopes: { conversations: { access: 'write', types: 'by-id' } },
  async resolve(input, context) {
    await performWrite(context, {
      method: 'conversations.mark',
      args: { channel: input.id, ts: input.ts },
      conversation: input.id,
      // Setting the cursor to the same `ts` again changes nothing more.
      recovery: { kind: 'retry' },
    });
    return { conversationId: input.id };
  },
});
