import type { SlackConversationResponse } from '../../slack/wire-types.js';
import { builder } from '../builder.js';
import {
  ChannelNotFoundError,
  MethodNotSupportedForChannelTypeError,
  UserDisabledError,
  UserNotFoundError,
} from '../types/mutation-errors.js';
import { defineMutation } from './define-mutation.js';
import { distinctUserIds, openUsersProblem } from './input-rules.js';
import { conversationPayload, type PayloadSource } from './payload.js';
import { answeredChannel, performWrite } from './perform-write.js';
import { validationFailure } from './slack-failures.js';

const OpenConversationInput = builder.inputType('OpenConversationInput', {
  description:
    'conversations.open: give `users` to find or start a DM, or `channel` to resume one.',
  fields: (t) => ({
    users: t.idList({
      description:
        '1 user for a DM, 2 to 8 for a group DM (the caller is added, and dropped if listed). The same set of users always gives the same conversation.',
    }),
    channel: t.id({ description: 'Resume this DM or group DM; takes precedence over `users`.' }),
    returnIm: t.boolean({
      description:
        "Ask Slack for the whole conversation in its answer (default true), so the payload's `conversation` costs no further call.",
    }),
  }),
});

/** conversations.open's answer; `channel` is only `{ id }` without `return_im`. */
interface OpenResponse extends SlackConversationResponse {
  already_open?: boolean;
}

interface OpenPayload extends PayloadSource {
  alreadyOpen: boolean;
}

const OpenConversationPayload = conversationPayload<OpenPayload>(
  'OpenConversationPayload',
  'The DM or group DM, now open for the caller.',
  { answered: true },
);
builder.objectFields(OpenConversationPayload, (t) => ({
  alreadyOpen: t.exposeBoolean('alreadyOpen', {
    description: "It already existed and was open for the caller (Slack's `already_open`).",
  }),
}));

defineMutation({
  name: 'openConversation',
  description:
    'Opens (finding or creating) a DM or group DM with `users`, or resumes `channel` (conversations.open).',
  input: OpenConversationInput,
  payload: OpenConversationPayload,
  errors: [
    ChannelNotFoundError,
    MethodNotSupportedForChannelTypeError,
    UserNotFoundError,
    UserDisabledError,
  ],
  field: 'users',
  scopes: { conversations: { access: 'write', types: 'open-input' } },
  async resolve(input, context) {
    const found = openUsersProblem(input.users, input.channel);
    if (found) throw validationFailure(found);
    const channel = input.channel || undefined;
    const { response, repeated } = await performWrite<OpenResponse>(context, {
      method: 'conversations.open',
      args: {
        channel,
        users: channel === undefined ? distinctUserIds(input.users ?? []).join(',') : undefined,
        return_im: input.returnIm ?? true,
      },
      conversation: channel,
      // One conversation per set of users: opening again finds the same one.
      recovery: { kind: 'retry' },
      fresh: answeredChannel,
    });
    const id = response?.channel.id ?? channel ?? '';
    return {
      conversationId: id,
      alreadyOpen: !repeated && response?.already_open === true,
    };
  },
});
