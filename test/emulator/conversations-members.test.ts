import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { slackCall, useTestEmulator } from '../helpers/emulator.js';

const C = SCENARIO_IDS.conversations;
const U = SCENARIO_IDS.users;

const emulator = useTestEmulator();

interface MembersBody {
  ok: boolean;
  error?: string;
  members: string[];
  response_metadata: { next_cursor: string };
}

async function members(args: Record<string, unknown>, token: string = SCENARIO_TOKENS.alice) {
  const { body } = await slackCall<MembersBody>(emulator.url, 'conversations.members', args, {
    token,
  });
  return body;
}

describe('conversations.members', () => {
  it('returns member IDs in stored order with an empty cursor at the end', async () => {
    expect(await members({ channel: C.general })).toEqual({
      ok: true,
      members: [U.alice, U.bob, U.carol, U.bot],
      response_metadata: { next_cursor: '' },
    });
  });

  it('pages with user cursors naming the next member', async () => {
    const first = await members({ channel: C.general, limit: 3 });
    expect(first.members).toEqual([U.alice, U.bob, U.carol]);
    const cursor = first.response_metadata.next_cursor;
    expect(Buffer.from(cursor, 'base64').toString()).toBe(`user:${U.bot}`);
    const second = await members({ channel: C.general, limit: 3, cursor });
    expect(second).toEqual({ ok: true, members: [U.bot], response_metadata: { next_cursor: '' } });
  });

  it('lists IM and MPIM members to participants only', async () => {
    expect((await members({ channel: C.im })).members).toEqual([U.alice, U.bob]);
    expect((await members({ channel: C.mpim }, SCENARIO_TOKENS.bob)).members).toEqual([
      U.alice,
      U.bob,
      U.carol,
    ]);
    expect(await members({ channel: C.im }, SCENARIO_TOKENS.bot)).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
  });

  it('lists a public channel’s members to anyone who may see it', async () => {
    expect((await members({ channel: C.extra[3] })).members).toEqual([U.bob]);
    expect((await members({ channel: C.random }, SCENARIO_TOKENS.bot)).members).toEqual([
      U.alice,
      U.bob,
    ]);
  });

  it('answers channel_not_found for hidden, unknown or missing channels', async () => {
    for (const args of [{ channel: C.secret }, { channel: 'C0NOSUCH' }, {}]) {
      expect(await members(args)).toEqual({ ok: false, error: 'channel_not_found' });
    }
  });

  it('rejects bad limits and cursors', async () => {
    expect(await members({ channel: C.general, limit: 'many' })).toEqual({
      ok: false,
      error: 'invalid_limit',
    });
    expect(await members({ channel: C.general, cursor: '%%%' })).toEqual({
      ok: false,
      error: 'invalid_cursor',
    });
    const stranger = Buffer.from(`user:${U.erin}`).toString('base64');
    expect(await members({ channel: C.general, cursor: stranger })).toEqual({
      ok: false,
      error: 'invalid_cursor',
    });
    const listCursor = Buffer.from(`team:${C.general}`).toString('base64');
    expect(await members({ channel: C.general, cursor: listCursor })).toEqual({
      ok: false,
      error: 'invalid_cursor',
    });
  });

  it('needs the read scope of the conversation’s type', async () => {
    expect((await members({ channel: C.general }, SCENARIO_TOKENS.readOnly)).ok).toBe(true);
    expect(await members({ channel: C.mpim }, SCENARIO_TOKENS.readOnly)).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'mpim:read',
      provided: 'channels:read',
    });
  });
});
