import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DirectoryVisibility,
  directoryKey,
  isFullMember,
  visibilityOf,
} from '../../src/cache/user-directory-key.js';
import { parseScopes } from '../../src/cache/user-directory-scopes.js';
import type { SlackAuthTestResponse, SlackUser } from '../../src/slack/wire-types.js';

// Small alphabets, so equal visibilities come up often and every part is varied on its own.
const visibility: fc.Arbitrary<DirectoryVisibility> = fc.record({
  teamId: fc.constantFrom('T1', 'T2', 'T1,', '"T1"'),
  enterpriseId: fc.constantFrom(undefined, 'E1', 'E2', 'null'),
  enterpriseInstall: fc.boolean(),
  appId: fc.constantFrom(undefined, 'A1', 'A2'),
  tokenKind: fc.constantFrom('bot' as const, 'user' as const),
  scopes: fc
    .array(fc.constantFrom('users:read.email', 'channels:read', 'users.profile:read', 'users'))
    .map((scopes) => ['users:read', ...scopes]),
});

/** What must be equal for two tokens to share: every part, scopes as a set. */
function canonical(v: DirectoryVisibility): string {
  return JSON.stringify([
    v.teamId,
    v.enterpriseId,
    v.enterpriseInstall,
    v.appId,
    v.tokenKind,
    [...new Set(v.scopes)].sort(),
  ]);
}

describe('directoryKey', () => {
  it('gives two visibilities the same key exactly when every part is equal', () => {
    fc.assert(
      fc.property(visibility, visibility, (a, b) => {
        expect(directoryKey(a) === directoryKey(b)).toBe(canonical(a) === canonical(b));
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives another key whenever a single part differs', () => {
    // A second visibility that differs from the first in one part only (perhaps not at all).
    const neighbours = fc.tuple(visibility, visibility, fc.nat(5)).map(([a, b, part]) => {
      const keys = Object.keys(a) as (keyof DirectoryVisibility)[];
      const name = keys[part % keys.length] as keyof DirectoryVisibility;
      return [a, { ...a, [name]: b[name] } as DirectoryVisibility] as const;
    });
    fc.assert(
      fc.property(neighbours, ([a, b]) => {
        expect(directoryKey(a) === directoryKey(b)).toBe(canonical(a) === canonical(b));
      }),
      { numRuns: 2_000 },
    );
  });

  it('ignores the order and repeats of scopes', () => {
    const permuted = visibility.chain((v) => {
      const doubled = [...v.scopes, ...v.scopes];
      return fc.tuple(fc.constant(v), fc.shuffledSubarray(doubled, { minLength: doubled.length }));
    });
    fc.assert(
      fc.property(permuted, ([v, scopes]) => {
        expect(directoryKey({ ...v, scopes })).toBe(directoryKey(v));
      }),
    );
  });

  it('gives no key to a token without users:read', () => {
    fc.assert(
      fc.property(visibility, (v) => {
        const scopes = v.scopes.filter((scope) => scope !== 'users:read');
        expect(directoryKey({ ...v, scopes })).toBeUndefined();
      }),
    );
  });

  it('never puts a team, app or scope name into the key as it is', () => {
    const key = directoryKey({
      teamId: 'T0SCENARIO',
      enterpriseId: undefined,
      enterpriseInstall: false,
      appId: 'A0APP',
      tokenKind: 'user',
      scopes: ['users:read'],
    });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('visibilityOf', () => {
  const auth: SlackAuthTestResponse = {
    ok: true,
    url: 'https://scenario.slack.com/',
    team: 'Scenario',
    user: 'alice',
    team_id: 'T1',
    user_id: 'U1',
    is_enterprise_install: false,
  };

  it('reads a user token of a plain workspace', () => {
    expect(visibilityOf(auth, ['users:read'])).toEqual({
      teamId: 'T1',
      enterpriseId: undefined,
      enterpriseInstall: false,
      appId: undefined,
      tokenKind: 'user',
      scopes: ['users:read'],
    });
  });

  it('tells bot tokens, Grid installs and apps apart', () => {
    const grid = { ...auth, bot_id: 'B1', enterprise_id: 'E1', app_id: 'A1' };
    expect(visibilityOf({ ...grid, is_enterprise_install: true }, [])).toMatchObject({
      enterpriseId: 'E1',
      enterpriseInstall: true,
      appId: 'A1',
      tokenKind: 'bot',
    });
  });
});

describe('isFullMember', () => {
  const member: SlackUser = {
    id: 'U1',
    team_id: 'T1',
    name: 'alice',
    deleted: false,
    is_bot: false,
    profile: {},
  };

  it('accepts an active member of the workspace, a bot user included', () => {
    expect(isFullMember(member, 'U1', 'T1')).toBe(true);
    expect(isFullMember({ ...member, is_bot: true }, 'U1', 'T1')).toBe(true);
  });

  it.each([
    ['a multi-channel guest', { is_restricted: true }],
    ['a single-channel guest', { is_ultra_restricted: true }],
    ['an external (Slack Connect) user', { is_stranger: true }],
    ['a deactivated account', { deleted: true }],
    ['a member of another workspace', { team_id: 'T2' }],
    ['a record without a workspace', { team_id: undefined }],
  ])('refuses %s', (_name, change) => {
    expect(isFullMember({ ...member, ...change }, 'U1', 'T1')).toBe(false);
  });

  it("refuses someone else's record", () => {
    expect(isFullMember(member, 'U2', 'T1')).toBe(false);
  });
});

describe('parseScopes', () => {
  it('sorts, trims and de-duplicates the X-OAuth-Scopes header', () => {
    expect(parseScopes('users:read, channels:read,users:read,,')).toEqual([
      'channels:read',
      'users:read',
    ]);
    expect(parseScopes('')).toEqual([]);
  });
});
