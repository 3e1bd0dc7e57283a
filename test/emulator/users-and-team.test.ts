import { describe, expect, it } from 'vitest';
import type { SlackUser } from '../../src/slack/wire-types.js';
import {
  SCENARIO_IDS,
  SCENARIO_TOKENS,
  scenarioWorkspace,
} from '../fixtures/scenario-workspace.js';
import { slackCall, useTestEmulator } from '../helpers/emulator.js';

const emulator = useTestEmulator();

const { users } = SCENARIO_IDS;

describe('auth.test', () => {
  it('describes a user token with the workspace URL, names and IDs but no bot_id', async () => {
    const { body } = await slackCall(
      emulator.url,
      'auth.test',
      {},
      { token: SCENARIO_TOKENS.alice },
    );
    expect(body).toEqual({
      ok: true,
      url: 'https://scenario.slack.com/',
      team: 'Scenario',
      user: 'alice',
      team_id: SCENARIO_IDS.team,
      user_id: users.alice,
      is_enterprise_install: false,
    });
  });

  it('adds bot_id for a bot token', async () => {
    const { body } = await slackCall(emulator.url, 'auth.test', {}, { token: SCENARIO_TOKENS.bot });
    expect(body).toMatchObject({ ok: true, user_id: users.bot, bot_id: SCENARIO_IDS.botId });
  });

  it('answers a JSON body authenticated by the Authorization header', async () => {
    const { body } = await slackCall(
      emulator.url,
      'auth.test',
      {},
      { token: SCENARIO_TOKENS.bob, transport: 'json' },
    );
    expect(body).toMatchObject({ ok: true, user: 'bob' });
  });
});

describe('team.info', () => {
  it('returns the workspace with its URL', async () => {
    const { body } = await slackCall(emulator.url, 'team.info', {}, { token: SCENARIO_TOKENS.bot });
    expect(body.ok).toBe(true);
    expect(body.team).toMatchObject({
      id: SCENARIO_IDS.team,
      name: 'Scenario',
      domain: 'scenario',
      url: 'https://scenario.slack.com/',
    });
  });

  it('accepts its own team ID and answers team_not_found for another', async () => {
    const own = await slackCall(
      emulator.url,
      'team.info',
      { team: SCENARIO_IDS.team },
      { token: SCENARIO_TOKENS.alice },
    );
    expect(own.body.ok).toBe(true);
    const other = await slackCall(
      emulator.url,
      'team.info',
      { team: 'T0OTHERTEAM' },
      { token: SCENARIO_TOKENS.alice },
    );
    expect(other.body).toEqual({ ok: false, error: 'team_not_found' });
  });

  it('needs team:read', async () => {
    const { body } = await slackCall(
      emulator.url,
      'team.info',
      {},
      { token: SCENARIO_TOKENS.readOnly },
    );
    expect(body).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'team:read',
      provided: 'channels:read',
    });
  });
});

describe('users.info', () => {
  const info = (args: Record<string, unknown>, token: string = SCENARIO_TOKENS.alice) =>
    slackCall<{ ok: boolean; error?: string; user: SlackUser }>(emulator.url, 'users.info', args, {
      token,
    });

  it('returns the user without profile.email or locale by default', async () => {
    const { body } = await info({ user: users.bob });
    expect(body.ok).toBe(true);
    expect(body.user).toMatchObject({ id: users.bob, name: 'bob', deleted: false, is_bot: false });
    expect(body.user.profile.email).toBeUndefined();
    expect(body.user.locale).toBeUndefined();
  });

  it('shows profile.email only to tokens holding users:read.email', async () => {
    const { body } = await info({ user: users.bob }, SCENARIO_TOKENS.withEmail);
    expect(body.user.profile.email).toBe('bob@scenario.test');
  });

  it('adds locale with include_locale', async () => {
    const { body } = await info({ user: users.bob, include_locale: true });
    expect(body.user.locale).toBe('en-US');
  });

  it('reports deactivated users and bots with their flags', async () => {
    expect((await info({ user: users.dave })).body.user.deleted).toBe(true);
    const bot = (await info({ user: users.bot })).body.user;
    expect(bot.is_bot).toBe(true);
    expect(bot.profile.bot_id).toBe(SCENARIO_IDS.botId);
  });

  it('answers user_not_found for an unknown or missing user', async () => {
    expect((await info({ user: 'U0NOBODY00' })).body).toEqual({
      ok: false,
      error: 'user_not_found',
    });
    expect((await info({})).body).toEqual({ ok: false, error: 'user_not_found' });
  });

  it('needs users:read before looking at arguments', async () => {
    const { body } = await info({}, SCENARIO_TOKENS.readOnly);
    expect(body).toMatchObject({ ok: false, error: 'missing_scope', needed: 'users:read' });
  });
});

describe('users.list', () => {
  type UsersPage = {
    ok: boolean;
    error?: string;
    members: SlackUser[];
    cache_ts: number;
    response_metadata: { next_cursor: string };
  };
  const list = (args: Record<string, unknown>) =>
    slackCall<UsersPage>(emulator.url, 'users.list', args, { token: SCENARIO_TOKENS.alice });
  const allIds = scenarioWorkspace().users.map((user) => user.id);

  it('returns every user in workspace order without a limit, ending with an empty cursor', async () => {
    const { body } = await list({});
    expect(body.members.map((user) => user.id)).toEqual(allIds);
    expect(body.response_metadata.next_cursor).toBe('');
    expect(Number.isInteger(body.cache_ts)).toBe(true);
  });

  it('walks pages of `limit` users with Slack-style user: cursors', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { body } = await list({ limit: 2, cursor });
      expect(body.members.length).toBeLessThanOrEqual(2);
      seen.push(...body.members.map((user) => user.id));
      cursor = body.response_metadata.next_cursor;
      if (cursor !== '') {
        expect(Buffer.from(cursor, 'base64').toString()).toBe(`user:${allIds[seen.length]}`);
      }
      pages += 1;
    } while (cursor !== '' && pages < 10);
    expect(seen).toEqual(allIds);
    expect(pages).toBe(Math.ceil(allIds.length / 2));
  });

  it('hides profile.email without users:read.email', async () => {
    const { body } = await list({ limit: 1 });
    expect(body.members[0]?.profile.email).toBeUndefined();
  });

  it('answers invalid_cursor for garbage and for cursors of another kind', async () => {
    expect((await list({ cursor: 'not a cursor' })).body).toEqual({
      ok: false,
      error: 'invalid_cursor',
    });
    const foreign = Buffer.from(`team:${SCENARIO_IDS.conversations.general}`).toString('base64');
    expect((await list({ cursor: foreign })).body.error).toBe('invalid_cursor');
    const unknownUser = Buffer.from('user:U0NOBODY00').toString('base64');
    expect((await list({ cursor: unknownUser })).body.error).toBe('invalid_cursor');
  });

  it('answers invalid_limit for a non-numeric limit', async () => {
    expect((await list({ limit: 'ten' })).body).toEqual({ ok: false, error: 'invalid_limit' });
  });
});

describe('api.test', () => {
  it('needs no token and answers ok without args when none are given', async () => {
    const { body } = await slackCall(emulator.url, 'api.test');
    expect(body).toEqual({ ok: true });
  });

  it('echoes its arguments, never the token', async () => {
    const { body } = await slackCall(
      emulator.url,
      'api.test',
      { foo: 'bar' },
      { token: SCENARIO_TOKENS.alice, transport: 'form-token' },
    );
    expect(body).toEqual({ ok: true, args: { foo: 'bar' } });
  });

  it('fails with the code given as error, echoing the arguments', async () => {
    const { status, body } = await slackCall(emulator.url, 'api.test', { error: 'my_error' });
    expect(status).toBe(200);
    expect(body).toEqual({ ok: false, error: 'my_error', args: { error: 'my_error' } });
  });
});
