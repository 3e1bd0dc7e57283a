import { describe, expect, it } from 'vitest';
import { createRateTable } from '../../src/slack/governor/rate-table.js';
import { createWorkspaceResolver } from '../../src/slack/governor/workspace-resolver.js';
import { SlackToken } from '../../src/slack/slack-token.js';
import type { SlackAuthTestResponse } from '../../src/slack/wire-types.js';
import { FakeClock } from './governor-fake-clock.js';

describe('the rate table', () => {
  it("defaults to Slack's tiers per minute", () => {
    const table = createRateTable();
    expect(table('conversations.list')).toEqual({ calls: 20, windowMs: 60_000 });
    expect(table('conversations.info')).toEqual({ calls: 50, windowMs: 60_000 });
    expect(table('conversations.history').calls).toBe(50);
    expect(table('conversations.members').calls).toBe(100);
    expect(table('users.info').calls).toBe(100);
    expect(table('users.list').calls).toBe(20);
    expect(table('auth.test').calls).toBeGreaterThanOrEqual(100);
  });

  it('treats an unknown method as Tier 2, the strictest of the family', () => {
    expect(createRateTable()('conversations.someday').calls).toBe(20);
  });

  it('applies the 2025 unlisted-app rule to history and replies only', () => {
    const table = createRateTable({ unlistedApp: true });
    expect(table('conversations.history').calls).toBe(1);
    expect(table('conversations.replies').calls).toBe(1);
    expect(table('conversations.info').calls).toBe(50);
  });

  it('lets a per-method override win, with the configured window', () => {
    const table = createRateTable({
      windowMs: 2_000,
      unlistedApp: true,
      overrides: { 'conversations.history': 5, 'users.info': 7 },
    });
    expect(table('conversations.history')).toEqual({ calls: 5, windowMs: 2_000 });
    expect(table('users.info')).toEqual({ calls: 7, windowMs: 2_000 });
  });
});

const authOk = (team: string): SlackAuthTestResponse => ({
  ok: true,
  url: 'https://example.slack.com/',
  team: 'Example',
  user: 'alice',
  team_id: team,
  user_id: 'U1',
  is_enterprise_install: false,
});

describe('the workspace resolver', () => {
  it('asks auth.test once per token, sharing the call between concurrent callers', async () => {
    const asked: string[] = [];
    const resolver = createWorkspaceResolver({
      authTest: ({ value: token }) => {
        asked.push(token);
        return Promise.resolve(authOk(token === 'xoxp-b' ? 'T2' : 'T1'));
      },
    });
    const teams = await Promise.all([
      resolver.resolve(new SlackToken('xoxp-a')),
      resolver.resolve(new SlackToken('xoxp-a')),
      resolver.resolve(new SlackToken('xoxp-b')),
    ]);
    expect(teams).toEqual(['T1', 'T1', 'T2']);
    expect(await resolver.resolve(new SlackToken('xoxp-a'))).toBe('T1');
    expect(asked).toEqual(['xoxp-a', 'xoxp-b']);
  });

  it('forgets failures, and entries after their TTL', async () => {
    const clock = new FakeClock();
    let fail = true;
    let calls = 0;
    const resolver = createWorkspaceResolver({
      clock,
      ttlMs: 1_000,
      authTest: () => {
        calls += 1;
        return fail ? Promise.reject(new Error('invalid_auth')) : Promise.resolve(authOk('T1'));
      },
    });
    await expect(resolver.resolve(new SlackToken('xoxp-a'))).rejects.toThrow('invalid_auth');
    fail = false;
    expect(await resolver.resolve(new SlackToken('xoxp-a'))).toBe('T1');
    expect(await resolver.resolve(new SlackToken('xoxp-a'))).toBe('T1');
    await clock.advance(1_000);
    expect(await resolver.resolve(new SlackToken('xoxp-a'))).toBe('T1');
    expect(calls).toBe(3);
  });
});
