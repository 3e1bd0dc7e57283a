import type { SlackConversationResponse } from '../../slack/wire-types.js';
import { builder } from '../builder.js';
import {
  ChannelNotFoundError,
  IsArchivedError,
  MethodNotSupportedForChannelTypeError,
  NotInChannelError,
  UserIsRestrictedError,
} from '../types/mutation-errors.js';
import { defineMutation } from './define-mutation.js';
import { topicProblem } from './input-rules.js';
import { conversationPayload, type PayloadSource } from './payload.js';
import { answeredChannel, performWrite } from './perform-write.js';
import { validationFailure } from './slack-failures.js';

const ERRORS = [
  ChannelNotFoundError,
  NotInChannelError,
  IsArchivedError,
  MethodNotSupportedForChannelTypeError,
  UserIsRestrictedError,
];

/**
 * setTopic and setPurpose alike: `field` is both the Slack argument and the conversation field.
 * Each call posts a system message, so after a lost answer the conversation is read first and
 * the call repeated only if the value is not there yet (no duplicate "set the topic" message).
 */
function defineSetter(
  field: 'topic' | 'purpose',
  method: 'conversations.setTopic' | 'conversations.setPurpose',
  what: string,
): void {
  const Name = field === 'topic' ? 'Topic' : 'Purpose';
  const input = builder.inputType(`SetConversation${Name}Input`, {
    description: method,
    fields: (t) => ({
      id: t.id({ required: true, description: 'A channel or group DM (not a 1:1 DM).' }),
      [field]: t.string({
        required: true,
        description: `The new ${what}: plain text, 1 to 250 characters (Slack cannot clear it).`,
      }),
    }),
  });
  defineMutation({
    name: `setConversation${Name}`,
    description: `Sets the ${what} of a conversation the caller is in (${method}).`,
    input,
    payload: conversationPayload<PayloadSource>(
      `SetConversation${Name}Payload`,
      `The conversation with its new ${what}.`,
    ),
    errors: ERRORS,
    field,
    async resolve(values, context) {
      const id = String(values.id);
      const value = String(values[field]);
      const found = topicProblem(field, value);
      if (found) throw validationFailure(found);
      await performWrite<SlackConversationResponse>(context, {
        method,
        args: { channel: id, [field]: value },
        conversation: id,
        recovery: { kind: 'check', holds: (conversation) => conversation[field]?.value === value },
        // setPurpose's documented answer is only `{ ok: true }`; the object is read when needed.
        fresh: answeredChannel,
      });
      return { conversationId: id };
    },
  });
}

defineSetter('topic', 'conversations.setTopic', 'topic');
defineSetter('purpose', 'conversations.setPurpose', 'purpose (the channel description)');
