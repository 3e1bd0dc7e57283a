import { describe, expect, it } from 'vitest';
import { METHODS } from '../../src/emulator/methods/registry.js';
import { SLACK_METHODS, type SlackMethod } from '../../src/slack/methods.js';

const names = Object.keys(SLACK_METHODS) as SlackMethod[];

describe('the table of Slack methods', () => {
  it.each(names)(
    '%s has the tier the emulator (checked against the catalogue) serves it at',
    (name) => {
      expect(SLACK_METHODS[name].tier).toBe(METHODS.get(name)?.tier);
    },
  );

  it('gives a largest limit to exactly the cursor-paginated reads', () => {
    const paginated = names.filter((name) => 'maxLimit' in SLACK_METHODS[name]).sort();
    expect(paginated).toEqual([
      'conversations.history',
      'conversations.list',
      'conversations.members',
      'conversations.replies',
      'users.conversations',
      'users.list',
    ]);
  });
});
