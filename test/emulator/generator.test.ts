import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GENERATED_APP,
  GENERATED_TOKENS,
  generateWorkspace,
} from '../../src/emulator/state/generate-workspace.js';
import { validateWorkspaceFile } from '../../src/emulator/state/validate-workspace.js';

const LARGE = { seed: 7, channels: 10_000, users: 1_000, messages: 100_000 };

describe('generateWorkspace', () => {
  it('builds a large workspace with exactly the requested counts, valid as a file', () => {
    const file = generateWorkspace(LARGE);
    const channels = file.conversations.filter((c) => !c.is_im && !c.is_mpim);
    expect(channels).toHaveLength(LARGE.channels);
    expect(file.users).toHaveLength(LARGE.users);
    const messages = Object.values(file.messages ?? {}).flat();
    expect(messages).toHaveLength(LARGE.messages);
    expect(() => validateWorkspaceFile(file)).not.toThrow();
  });

  it('mixes private, archived, threaded and direct conversations', () => {
    const file = generateWorkspace({ seed: 1, channels: 500, users: 100, messages: 5_000 });
    expect(file.conversations.some((c) => c.is_private && !c.is_mpim)).toBe(true);
    expect(file.conversations.some((c) => c.is_archived)).toBe(true);
    expect(file.conversations.filter((c) => c.is_im)).toHaveLength(20);
    expect(file.conversations.filter((c) => c.is_mpim)).toHaveLength(5);
    const messages = Object.values(file.messages ?? {}).flat();
    expect(messages.some((m) => m.thread_ts !== undefined)).toBe(true);
    expect(file.users.some((u) => u.is_bot)).toBe(true);
  });

  it('gives the same workspace for the same seed and a different one for another seed', () => {
    const options = { seed: 99, channels: 200, users: 50, messages: 2_000 };
    expect(generateWorkspace(options)).toEqual(generateWorkspace(options));
    expect(generateWorkspace({ ...options, seed: 100 })).not.toEqual(generateWorkspace(options));
  });

  it('issues the documented tokens for the owner and the bot user', () => {
    const file = generateWorkspace({ seed: 3, channels: 5, users: 5, messages: 10 });
    expect(file.tokens.map((t) => t.token)).toEqual([GENERATED_TOKENS.user, GENERATED_TOKENS.bot]);
    const bot = file.tokens.find((t) => t.token === GENERATED_TOKENS.bot);
    expect(file.users.find((u) => u.id === bot?.user_id)?.is_bot).toBe(true);
    expect(file.app).toEqual(GENERATED_APP);
  });

  it('rejects counts below their minimum', () => {
    expect(() => generateWorkspace({ seed: 1, channels: 0, users: 5, messages: 0 })).toThrow(
      RangeError,
    );
    expect(() => generateWorkspace({ seed: 1, channels: 1, users: 1, messages: 0 })).toThrow(
      RangeError,
    );
    expect(() => generateWorkspace({ seed: 1, channels: 1, users: 2, messages: -1 })).toThrow(
      RangeError,
    );
  });

  it('yields a valid workspace for any seed, size and ratio', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer(),
          channels: fc.integer({ min: 1, max: 60 }),
          users: fc.integer({ min: 2, max: 40 }),
          messages: fc.integer({ min: 0, max: 400 }),
          ims: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
          mpims: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
          privateRatio: fc.double({ min: 0, max: 1, noNaN: true }),
          archivedRatio: fc.double({ min: 0, max: 1, noNaN: true }),
          threadRatio: fc.double({ min: 0, max: 1, noNaN: true }),
          maxMembers: fc.integer({ min: 1, max: 60 }),
        }),
        (options) => {
          const file = generateWorkspace(options);
          expect(() => validateWorkspaceFile(JSON.parse(JSON.stringify(file)))).not.toThrow();
          expect(Object.values(file.messages ?? {}).flat()).toHaveLength(options.messages);
        },
      ),
      { numRuns: 200 },
    );
  });
});
