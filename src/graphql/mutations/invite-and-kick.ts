import type { SlackConversationResponse, SlackInviteError } from '../../slack/wire-types.js';
import { builder } from '../builder.js';
import {
  AlreadyInChannelError,
  CantInviteError,
  CantInviteSelfError,
  CantKickFromGeneralError,
  CantKickSelfError,
  ChannelNotFoundError,
  InviteFailureRef,
  IsArchivedError,
  MethodNotSupportedForChannelTypeError,
  NotInChannelError,
  RestrictedActionError,
  UserNotFoundError,
} from '../types/mutation-errors.js';
import { defineMutation } from './define-mutation.js';
import { distinctUserIds, inviteUsersProblem } from './input-rules.js';
import { conversationPayload, type PayloadSource } from './payload.js';
import { answeredChannel, performWrite } from './perform-write.js';
import { validationFailure } from './slack-failures.js';

const InviteInput = builder.inputType('InviteToConversationInput', {
  description: 'conversations.invite',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The channel (public or private).' }),
    users: t.idList({ required: true, description: 'Users to add (repeats are ignored).' }),
    force: t.boolean({
      description:
        'Add the valid users even when others fail; the failures are listed (default false: any failure adds nobody).',
    }),
  }),
});

interface InvitePayload extends PayloadSource {
  failures: readonly SlackInviteError[];
}
const InvitePayloadRef = conversationPayload<InvitePayload>(
  'InviteToConversationPayload',
  'The channel with its new members, and the users Slack did not add.',
  { answered: true },
);
builder.objectFields(InvitePayloadRef, (t) => ({
  failures: t.field({
    type: [InviteFailureRef],
    description: 'Users not added and why (e.g. `already_in_channel`; others only with `force`).',
    resolve: (payload) => [...payload.failures],
  }),
}));

defineMutation({
  name: 'inviteToConversation',
  description: 'Adds users to a channel the caller is in (conversations.invite).',
  input: InviteInput,
  payload: InvitePayloadRef,
  errors: [
    ChannelNotFoundError,
    NotInChannelError,
    IsArchivedError,
    MethodNotSupportedForChannelTypeError,
    CantInviteSelfError,
    CantInviteError,
    AlreadyInChannelError,
    UserNotFoundError,
  ],
  field: 'users',
  scopes: { conversations: { access: 'invite', types: 'by-id' } },
  async resolve(input, context) {
    const found = inviteUsersProblem(input.users);
    if (found) throw validationFailure(found);
    const { response, repeated } = await performWrite<
      SlackConversationResponse & { errors?: SlackInviteError[] }
    >(context, {
      method: 'conversations.invite',
      args: {
        channel: input.id,
        users: distinctUserIds(input.users).join(','),
        force: input.force ?? undefined,
      },
      conversation: input.id,
      // Inviting members again adds nobody twice; "all already in" then means done.
      recovery: { kind: 'retry', settledBy: ['already_in_channel'] },
      fresh: answeredChannel,
    });
    const failures = response?.errors ?? [];
    return {
      conversationId: input.id,
      // After a repeat, `already_in_channel` may name the users the first attempt added.
      failures: repeated ? failures.filter((f) => f.error !== 'already_in_channel') : failures,
    };
  },
});

const KickInput = builder.inputType('KickFromConversationInput', {
  description: 'conversations.kick',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The channel.' }),
    user: t.id({ required: true, description: 'The member to remove.' }),
  }),
});

const KickPayloadRef = conversationPayload<PayloadSource>(
  'KickFromConversationPayload',
  'The channel without the removed member.',
);

defineMutation({
  name: 'kickFromConversation',
  description: 'Removes a member from a channel (conversations.kick).',
  input: KickInput,
  payload: KickPayloadRef,
  errors: [
    ChannelNotFoundError,
    NotInChannelError,
    UserNotFoundError,
    CantKickSelfError,
    CantKickFromGeneralError,
    IsArchivedError,
    MethodNotSupportedForChannelTypeError,
    RestrictedActionError,
  ],
  field: 'user',
  scopes: { conversations: { access: 'write', types: 'by-id' } },
  async resolve(input, context) {
    await performWrite(context, {
      method: 'conversations.kick',
      args: { channel: input.id, user: input.user },
      conversation: input.id,
      // Removing again answers `not_in_channel`: the user is out, as asked.
      recovery: { kind: 'retry', settledBy: ['not_in_channel'] },
    });
    return { conversationId: input.id };
  },
});
