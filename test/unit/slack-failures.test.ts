import { describe, expect, it } from 'vitest';
import { isOutcomeUnknown, toMutationFailure } from '../../src/graphql/mutations/slack-failures.js';
import {
  GenericSlackFailure,
  MissingScopeFailure,
  NameTakenError,
  UserNotFoundError,
  ValidationFailure,
} from '../../src/graphql/types/mutation-errors.js';
import {
  SlackHttpError,
  SlackPlatformError,
  SlackRateLimitedError,
  SlackRequestError,
} from '../../src/slack/errors.js';

const policy = { types: [NameTakenError, UserNotFoundError], field: 'topic' };

function platform(error: string, extra: Record<string, unknown> = {}): SlackPlatformError {
  return new SlackPlatformError('conversations.create', { ok: false, error, ...extra });
}

describe('toMutationFailure', () => {
  it("maps a code to the field's dedicated type, keeping invite's per-user errors", () => {
    const errors = [{ user: 'U1', ok: false, error: 'user_not_found' }];
    const failure = toMutationFailure(platform('user_not_found', { errors }), policy);
    expect(failure).toBeInstanceOf(UserNotFoundError);
    expect(failure?.failures).toEqual(errors);
    expect(toMutationFailure(platform('name_taken'), policy)).toBeInstanceOf(NameTakenError);
  });

  it('maps a code the field has no type for to SlackError with that code', () => {
    const failure = toMutationFailure(platform('cant_kick_self'), policy);
    expect(failure).toBeInstanceOf(GenericSlackFailure);
    expect(failure?.code).toBe('cant_kick_self');
  });

  it('keeps missing_scope details', () => {
    const failure = toMutationFailure(
      platform('missing_scope', { needed: 'channels:write', provided: 'channels:read' }),
      policy,
    );
    expect(failure).toBeInstanceOf(MissingScopeFailure);
    expect(failure).toMatchObject({ needed: 'channels:write', provided: 'channels:read' });
  });

  it("names the field of an input error from Slack's message, or from the policy", () => {
    const missing = toMutationFailure(
      platform('invalid_name_specials'),
      policy,
    ) as ValidationFailure;
    expect(missing).toBeInstanceOf(ValidationFailure);
    expect(missing.field).toBe('name');
    const tooLong = toMutationFailure(platform('too_long'), policy) as ValidationFailure;
    expect(tooLong.field).toBe('topic');
    const detailed = toMutationFailure(
      platform('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] missing required field: topic'] },
      }),
      policy,
    );
    expect(detailed?.message).toBe('missing required field: topic');
  });

  it('leaves request-level failures and outages to the top level', () => {
    for (const code of ['invalid_auth', 'token_revoked', 'not_authed', 'fatal_error']) {
      expect(toMutationFailure(platform(code), policy)).toBeUndefined();
    }
    expect(toMutationFailure(new SlackRateLimitedError('conversations.create', 1), policy)).toBe(
      undefined,
    );
    expect(toMutationFailure(new Error('bug'), policy)).toBeUndefined();
  });
});

describe('isOutcomeUnknown', () => {
  it('is true for lost answers and Slack-side failures, false for answers and 429s', () => {
    const method = 'conversations.create';
    expect(isOutcomeUnknown(new SlackRequestError(method, new Error('ECONNRESET')))).toBe(true);
    expect(isOutcomeUnknown(new SlackHttpError(method, 503, 'unexpected status'))).toBe(true);
    expect(isOutcomeUnknown(platform('internal_error'))).toBe(true);
    expect(isOutcomeUnknown(platform('name_taken'))).toBe(false);
    expect(isOutcomeUnknown(new SlackRateLimitedError(method, 1))).toBe(false);
  });
});
