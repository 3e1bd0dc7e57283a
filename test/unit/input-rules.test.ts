import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_NAME_MAX_LENGTH,
  channelNameProblem,
  distinctUserIds,
  openUsersProblem,
  renameProblem,
  TOPIC_MAX_LENGTH,
  topicProblem,
} from '../../src/graphql/mutations/input-rules.js';
import { channelNames } from '../helpers/input-samples.js';

describe('channelNameProblem', () => {
  it('accepts lowercase letters, digits, hyphens and underscores up to 80 characters', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', 'q', '7', '-', '_', 'é', '日'),
          minLength: 1,
          maxLength: CHANNEL_NAME_MAX_LENGTH,
        }),
        (name) => {
          const found = channelNameProblem(name);
          if (/^[-_]+$/.test(name)) expect(found?.code).toBe('invalid_name_punctuation');
          else expect(found).toBeUndefined();
        },
      ),
    );
  });

  it('refuses in the order Slack checks: required, length, characters, punctuation only', () => {
    fc.assert(
      fc.property(channelNames, (name) => {
        const code = channelNameProblem(name)?.code;
        const length = [...name].length;
        if (length === 0) expect(code).toBe('invalid_name_required');
        else if (length > CHANNEL_NAME_MAX_LENGTH) expect(code).toBe('invalid_name_maxlength');
        else if (name !== name.toLowerCase() || /[ .#@\t😀]/u.test(name)) {
          expect(code).toBe('invalid_name_specials');
        }
        if (code !== undefined) expect(channelNameProblem(name)?.field).toBe('name');
      }),
    );
  });

  it('counts characters, not UTF-16 units', () => {
    expect(channelNameProblem('日'.repeat(80))).toBeUndefined();
    expect(channelNameProblem('𝑎'.repeat(80))).toBeUndefined();
    expect(channelNameProblem('𝑎'.repeat(81))?.code).toBe('invalid_name_maxlength');
    expect(channelNameProblem('a'.repeat(81))?.code).toBe('invalid_name_maxlength');
  });
});

describe('renameProblem', () => {
  it('refuses only names that are blank, which no normalisation can fix', () => {
    fc.assert(
      fc.property(channelNames, (name) => {
        expect(renameProblem(name) !== undefined).toBe(name.trim() === '');
      }),
    );
  });
});

describe('topicProblem', () => {
  it('requires 1 to 250 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 300 }), (topic) => {
        const code = topicProblem('topic', topic)?.code;
        const length = [...topic].length;
        if (length === 0) expect(code).toBe('invalid_arguments');
        else if (length > TOPIC_MAX_LENGTH) expect(code).toBe('too_long');
        else expect(code).toBeUndefined();
      }),
    );
  });
});

describe('openUsersProblem', () => {
  it('reads the list as Slack does: split on commas, trimmed, blanks dropped, repeats ignored', () => {
    expect(distinctUserIds([' U1 ', 'U2,U1', '', ' , '])).toEqual(['U1', 'U2']);
  });

  it('refuses no users and more than 9 distinct IDs, and lets a channel take precedence', () => {
    const ids = fc.array(
      fc.constantFrom('U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9', 'U10', 'U11', ' ', ''),
      {
        maxLength: 14,
      },
    );
    fc.assert(
      fc.property(ids, fc.option(fc.constantFrom('D1', 'C1', '')), (users, channel) => {
        const code = openUsersProblem(users, channel)?.code;
        const count = distinctUserIds(users).length;
        if (channel) expect(code).toBeUndefined();
        else if (count === 0) expect(code).toBe('users_list_not_supplied');
        else if (count > 9) expect(code).toBe('too_many_users');
        else expect(code).toBeUndefined();
      }),
    );
  });
});
