import { SlackPlatformError } from '../../slack/errors.js';
import type { SlackInviteError } from '../../slack/wire-types.js';
import { isOutcomeUnknown, UNKNOWN_OUTCOME_CODES } from '../../slack/write-outcome.js';
import {
  FAILURE_BY_CODE,
  type FailureClass,
  GenericSlackFailure,
  MissingScopeFailure,
  type MutationFailure,
  ValidationFailure,
} from '../types/mutation-errors.js';
import { type InputProblem, VALIDATION_MESSAGES } from './input-rules.js';

export { isOutcomeUnknown };

/**
 * Codes about the token or the request as a whole, not this mutation: they stay top-level
 * errors (`INVALID_AUTH`, ...), like UNAUTHENTICATED, so clients handle them in one place.
 */
const REQUEST_CODES: ReadonlySet<string> = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'two_factor_setup_required',
  'org_login_required',
  'ekm_access_denied',
  'team_access_not_granted',
  'access_denied',
]);

/** Codes about an input value; `[slack arg → input field]` for those that name no field. */
const VALIDATION_FIELDS: Readonly<Record<string, string>> = {
  invalid_name_required: 'name',
  no_channel: 'name',
  invalid_name_maxlength: 'name',
  invalid_name_specials: 'name',
  invalid_name_punctuation: 'name',
  invalid_name: 'name',
  users_list_not_supplied: 'users',
  not_enough_users: 'users',
  too_many_users: 'users',
  no_user: 'users',
  invalid_timestamp: 'ts',
  too_long: '',
  invalid_arguments: '',
};

/** What a mutation field can return as data: its declared failure classes. */
export interface FailurePolicy {
  /** The dedicated failure classes the field's union lists (besides the common ones). */
  types: readonly FailureClass[];
  /** The input field a `too_long` / `invalid_arguments` answer is about. */
  field: string;
}

/**
 * Slack's answer as the field's typed failure, or `undefined` when it must stay a top-level
 * error (request-level codes, outages). Codes the field has no dedicated type for become the
 * generic `SlackError`, so every Slack answer about the mutation is data.
 */
export function toMutationFailure(
  error: unknown,
  policy: FailurePolicy,
): MutationFailure | undefined {
  if (!(error instanceof SlackPlatformError)) return undefined;
  const code = error.error;
  if (REQUEST_CODES.has(code) || UNKNOWN_OUTCOME_CODES.has(code)) return undefined;
  if (code === 'missing_scope') {
    return new MissingScopeFailure(text(error.data.needed), text(error.data.provided));
  }
  const field = VALIDATION_FIELDS[code];
  if (field !== undefined) {
    return new ValidationFailure(code, field || policy.field, validationMessage(error));
  }
  const Failure = FAILURE_BY_CODE.get(code);
  if (Failure !== undefined && policy.types.includes(Failure)) {
    return new Failure(undefined, inviteErrors(error.data.errors));
  }
  return new GenericSlackFailure(code, `Slack answered ${code}.`);
}

/** A problem found before calling Slack, as the `ValidationError` Slack's answer would give. */
export function validationFailure(found: InputProblem): ValidationFailure {
  return new ValidationFailure(found.code, found.field, found.message);
}

/** Slack's `[ERROR] …` message when it sent one, else our sentence for the code. */
function validationMessage(error: SlackPlatformError): string {
  const messages = error.data.response_metadata?.messages ?? [];
  const detail = messages.find((message) => message.startsWith('[ERROR]'));
  if (detail !== undefined) return detail.replace(/^\[ERROR\]\s*/, '');
  return VALIDATION_MESSAGES[error.error] ?? `Slack answered ${error.error}.`;
}

function inviteErrors(value: unknown): SlackInviteError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is SlackInviteError =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as SlackInviteError).user === 'string' &&
      typeof (entry as SlackInviteError).error === 'string',
  );
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
