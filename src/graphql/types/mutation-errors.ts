import type { SlackInviteError } from '../../slack/wire-types.js';
import { builder } from '../builder.js';
import { UserRef, type UserSource } from './refs.js';

/**
 * An expected failure of a mutation, returned as data in the mutation's result union (never a
 * top-level error). `code` is Slack's error code, or for a `ValidationError` found before calling
 * Slack, the code Slack would have answered.
 * @see https://pothos-graphql.dev/docs/plugins/errors
 */
export class MutationFailure extends Error {
  /** Per-user results Slack listed (conversations.invite's `errors`). */
  readonly failures: readonly SlackInviteError[];

  constructor(
    readonly code: string,
    message: string,
    failures: readonly SlackInviteError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
    this.failures = failures;
  }
}

/** A failure class for one Slack code; every instance carries that code. */
export type FailureClass = new (
  message?: string,
  failures?: readonly SlackInviteError[],
) => MutationFailure;

const MutationErrorRef = builder.interfaceRef<MutationFailure>('MutationError').implement({
  description:
    'What every mutation error has: switch on `__typename`, or read `code` (Slack\'s error code, e.g. "name_taken").',
  fields: (t) => ({
    code: t.exposeString('code', { description: "Slack's error code, lower snake case." }),
    message: t.exposeString('message', { description: 'What went wrong, for people.' }),
  }),
});

/** One user conversations.invite could not add, and why (Slack's per-user `error`). */
export const InviteFailureRef = builder.objectRef<SlackInviteError>('InviteFailure').implement({
  description: "A user conversations.invite did not add, with Slack's per-user code.",
  fields: (t) => ({
    user: t.field({
      type: UserRef,
      description: 'The user as listed (may not exist, e.g. with `user_not_found`).',
      resolve: (failure): UserSource => ({ id: failure.user }),
    }),
    code: t.exposeString('error', {
      description:
        'e.g. `already_in_channel`, `user_not_found`, `cant_invite_self`, `cant_invite`.',
    }),
  }),
});

/**
 * Declares the GraphQL object type of a Slack code. With `withFailures`, the type also lists the
 * per-user failures conversations.invite reports with that code.
 */
function slackFailure(name: string, code: string, message: string, withFailures = false) {
  const Failure = class extends MutationFailure {
    constructor(text = message, failures: readonly SlackInviteError[] = []) {
      super(code, text, failures);
    }
  };
  Object.defineProperty(Failure, 'name', { value: name });
  builder.objectType(Failure, {
    name,
    description: `Slack's \`${code}\`: ${message}`,
    interfaces: [MutationErrorRef],
  });
  if (withFailures) {
    builder.objectField(Failure, 'failures', (t) =>
      t.field({
        type: [InviteFailureRef],
        description: 'Every user Slack reported on, with its own code (invite only).',
        resolve: (failure) => [...failure.failures],
      }),
    );
  }
  return Failure;
}

export const ChannelNotFoundError = slackFailure(
  'ChannelNotFoundError',
  'channel_not_found',
  'No such conversation, or the caller cannot see it.',
);
export const NotInChannelError = slackFailure(
  'NotInChannelError',
  'not_in_channel',
  'The caller (or, for kick, the user) is not a member of the conversation.',
);
export const IsArchivedError = slackFailure(
  'IsArchivedError',
  'is_archived',
  'The conversation is archived.',
);
export const AlreadyArchivedError = slackFailure(
  'AlreadyArchivedError',
  'already_archived',
  'The conversation is already archived.',
);
export const NotArchivedError = slackFailure(
  'NotArchivedError',
  'not_archived',
  'The conversation is not archived.',
);
export const NameTakenError = slackFailure(
  'NameTakenError',
  'name_taken',
  'A channel (archived or not) already has this name.',
);
export const CantArchiveGeneralError = slackFailure(
  'CantArchiveGeneralError',
  'cant_archive_general',
  'The general channel cannot be archived.',
);
export const CantLeaveGeneralError = slackFailure(
  'CantLeaveGeneralError',
  'cant_leave_general',
  'Nobody can leave the general channel.',
);
export const LastMemberError = slackFailure(
  'LastMemberError',
  'last_member',
  'The last member cannot leave the channel.',
);
export const CantInviteSelfError = slackFailure(
  'CantInviteSelfError',
  'cant_invite_self',
  'The caller cannot invite themselves.',
  true,
);
export const CantInviteError = slackFailure(
  'CantInviteError',
  'cant_invite',
  'A listed user cannot be invited (e.g. deactivated).',
  true,
);
export const AlreadyInChannelError = slackFailure(
  'AlreadyInChannelError',
  'already_in_channel',
  'Every listed user is already a member.',
  true,
);
export const UserNotFoundError = slackFailure(
  'UserNotFoundError',
  'user_not_found',
  'A listed user does not exist.',
  true,
);
export const UserDisabledError = slackFailure(
  'UserDisabledError',
  'user_disabled',
  'A listed user is deactivated.',
);
export const CantKickSelfError = slackFailure(
  'CantKickSelfError',
  'cant_kick_self',
  'The caller cannot remove themselves (use leaveConversation).',
);
export const CantKickFromGeneralError = slackFailure(
  'CantKickFromGeneralError',
  'cant_kick_from_general',
  'Nobody can be removed from the general channel.',
);
export const NotAuthorizedError = slackFailure(
  'NotAuthorizedError',
  'not_authorized',
  'Only the channel creator, a workspace admin or a channel manager may do this.',
);
export const MethodNotSupportedForChannelTypeError = slackFailure(
  'MethodNotSupportedForChannelTypeError',
  'method_not_supported_for_channel_type',
  'This mutation does not apply to this type of conversation.',
);
export const RestrictedActionError = slackFailure(
  'RestrictedActionError',
  'restricted_action',
  "A workspace policy forbids the caller's action.",
);
export const UserIsRestrictedError = slackFailure(
  'UserIsRestrictedError',
  'user_is_restricted',
  'Guests cannot do this.',
);

/** Slack's `missing_scope`: the token lacks every scope that would allow the call. */
export class MissingScopeFailure extends MutationFailure {
  constructor(
    readonly needed: string,
    readonly provided: string,
  ) {
    super('missing_scope', `The token lacks a needed scope (${needed}).`);
  }
}
builder.objectType(MissingScopeFailure, {
  name: 'MissingScopeError',
  description: "Slack's `missing_scope`: the token needs one more OAuth scope.",
  interfaces: [MutationErrorRef],
  fields: (t) => ({
    needed: t.exposeString('needed', { description: 'Scopes that would allow the call (CSV).' }),
    provided: t.exposeString('provided', { description: 'Scopes the token has (CSV).' }),
  }),
});

/**
 * An input Slack refuses (or would refuse): found before calling Slack where Slack's rule is
 * certain, otherwise Slack's own answer (`invalid_name_specials`, `too_long`, ...).
 */
export class ValidationFailure extends MutationFailure {
  constructor(
    code: string,
    readonly field: string,
    message: string,
  ) {
    super(code, message);
  }
}
builder.objectType(ValidationFailure, {
  name: 'ValidationError',
  description:
    'An input value Slack does not accept. `code` is the code Slack answers for it (e.g. `invalid_name_specials`, `too_long`, `too_many_users`).',
  interfaces: [MutationErrorRef],
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The input field at fault, e.g. `name`.' }),
  }),
});

/** Any other Slack error code a mutation's method answered. */
export class GenericSlackFailure extends MutationFailure {}
builder.objectType(GenericSlackFailure, {
  name: 'SlackError',
  description: 'Any other error Slack answered; `code` is Slack\'s code (e.g. "too_many_members").',
  interfaces: [MutationErrorRef],
});

/** The dedicated class of each Slack code (the rest become `SlackError`). */
export const FAILURE_BY_CODE: ReadonlyMap<string, FailureClass> = new Map(
  [
    ChannelNotFoundError,
    NotInChannelError,
    IsArchivedError,
    AlreadyArchivedError,
    NotArchivedError,
    NameTakenError,
    CantArchiveGeneralError,
    CantLeaveGeneralError,
    LastMemberError,
    CantInviteSelfError,
    CantInviteError,
    AlreadyInChannelError,
    UserNotFoundError,
    UserDisabledError,
    CantKickSelfError,
    CantKickFromGeneralError,
    NotAuthorizedError,
    MethodNotSupportedForChannelTypeError,
    RestrictedActionError,
    UserIsRestrictedError,
  ].map((Failure) => [new Failure().code, Failure]),
);
