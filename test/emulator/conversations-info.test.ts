import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { type SlackBody, slackCall, useTestEmulator } from '../helpers/emulator.js';

const C = SCENARIO_IDS.conversations;
const U = SCENARIO_IDS.users;

const emulator = useTestEmulator();

async function info(args: Record<string, unknown>, token: string = SCENARIO_TOKENS.alice) {
  const { body } = await slackCall(emulator.url, 'conversations.info', args, { token });
  return body;
}

function channelOf(body: SlackBody): Record<string, unknown> {
  expect(body.ok, JSON.stringify(body)).toBe(true);
  return body.channel as Record<string, unknown>;
}

describe('conversations.info', () => {
  it('returns the full channel object with is_member and without derived extras by default', async () => {
    const channel = channelOf(await info({ channel: C.general }));
    expect(channel).toMatchObject({
      id: C.general,
      name: 'general',
      is_channel: true,
      is_private: false,
      is_general: true,
      is_member: true,
      topic: { value: 'Company-wide announcements', creator: U.alice, last_set: 1_700_000_000 },
      context_team_id: SCENARIO_IDS.team,
    });
    for (const absent of ['num_members', 'locale', 'members', 'latest', 'unread_count']) {
      expect(channel).not.toHaveProperty(absent);
    }
  });

  it('adds num_members only with include_num_members and locale only with include_locale', async () => {
    const channel = channelOf(
      await info({ channel: C.general, include_num_members: true, include_locale: 'true' }),
    );
    expect(channel).toMatchObject({ num_members: 4, locale: 'en-US' });
    const off = channelOf(await info({ channel: C.general, include_num_members: false }));
    expect(off).not.toHaveProperty('num_members');
  });

  it('shows public channels to non-members with is_member false', async () => {
    const channel = channelOf(await info({ channel: C.extra[3] }));
    expect(channel).toMatchObject({ id: C.extra[3], is_member: false });
    const readOnly = channelOf(await info({ channel: C.random }, SCENARIO_TOKENS.readOnly));
    expect(readOnly).toMatchObject({ is_member: false });
  });

  it('hides private channels, IMs and MPIMs from non-members as channel_not_found', async () => {
    const notFound = { ok: false, error: 'channel_not_found' };
    expect(await info({ channel: C.secret })).toEqual(notFound);
    expect(await info({ channel: C.im }, SCENARIO_TOKENS.bot)).toEqual(notFound);
    expect(await info({ channel: C.mpim }, SCENARIO_TOKENS.bot)).toEqual(notFound);
    expect(await info({ channel: 'C0NOSUCH' })).toEqual(notFound);
    expect(await info({})).toEqual(notFound);
  });

  it('does not reveal the type of an invisible conversation through missing_scope', async () => {
    expect(await info({ channel: C.secret }, SCENARIO_TOKENS.readOnly)).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
  });

  it('answers missing_scope with the scope of a visible conversation’s type', async () => {
    const withoutGroups = await info({ channel: C.general }, SCENARIO_TOKENS.readOnly);
    expect(withoutGroups.ok).toBe(true);
    // carol is in the MPIM but her read-only token holds only channels:read.
    expect(await info({ channel: C.mpim }, SCENARIO_TOKENS.readOnly)).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'mpim:read',
      provided: 'channels:read',
    });
  });

  it('returns an IM with the other party as user and the caller’s read state', async () => {
    const channel = channelOf(await info({ channel: C.im, include_num_members: true }));
    expect(channel).toMatchObject({
      id: C.im,
      is_im: true,
      user: U.bob,
      is_open: true,
      last_read: '0000000000.000000',
      unread_count: 3,
      unread_count_display: 3,
      latest: expect.objectContaining({ ts: '1700000820.000100', text: 'Coffee later?' }),
      num_members: 2,
    });
    expect(channel).not.toHaveProperty('is_member');
    const asBob = channelOf(await info({ channel: C.im }, SCENARIO_TOKENS.bob));
    expect(asBob.user).toBe(U.alice);
  });

  it('returns an MPIM to its members with is_open and the read cursor, no unread counts', async () => {
    const channel = channelOf(await info({ channel: C.mpim }, SCENARIO_TOKENS.bob));
    expect(channel).toMatchObject({ id: C.mpim, is_mpim: true, is_member: true, is_open: true });
    expect(channel).toHaveProperty('last_read');
    expect(channel).not.toHaveProperty('unread_count');
  });

  it('shows a bot token the private channel it was invited to', async () => {
    const channel = channelOf(await info({ channel: C.private }, SCENARIO_TOKENS.bot));
    expect(channel).toMatchObject({ id: C.private, is_private: true, is_member: true });
  });

  it('ignores JSON bodies, so the channel argument is missing', async () => {
    const { body } = await slackCall(
      emulator.url,
      'conversations.info',
      { channel: C.random, include_num_members: true },
      { token: SCENARIO_TOKENS.alice, transport: 'json' },
    );
    expect(body).toMatchObject({ ok: false, error: 'channel_not_found' });
  });
});
