import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import {
  ALL_CONVERSATION_TYPES,
  type ConversationListBody,
  slackCall,
  useTestEmulator,
} from '../helpers/emulator.js';

const C = SCENARIO_IDS.conversations;
const U = SCENARIO_IDS.users;
const ALL_TYPES = ALL_CONVERSATION_TYPES;

const emulator = useTestEmulator();

type ListBody = ConversationListBody;

async function call(args: Record<string, unknown>, token: string = SCENARIO_TOKENS.alice) {
  const { body } = await slackCall<ListBody>(emulator.url, 'users.conversations', args, { token });
  return body;
}

function ids(body: ListBody): unknown[] {
  expect(body.ok, JSON.stringify(body)).toBe(true);
  return body.channels.map((channel) => channel.id);
}

describe('users.conversations', () => {
  it('lists the public channels the caller belongs to by default', async () => {
    const body = await call({});
    expect(ids(body)).toEqual([
      C.general,
      C.random,
      C.archived,
      C.extra[0],
      C.extra[1],
      C.extra[2],
    ]);
    expect(body.response_metadata).toEqual({ next_cursor: '' });
  });

  it('omits is_member and num_members from every object', async () => {
    const body = await call({ types: ALL_TYPES });
    for (const channel of body.channels) {
      expect(channel).not.toHaveProperty('is_member');
      expect(channel).not.toHaveProperty('num_members');
      expect(channel).not.toHaveProperty('members');
    }
    expect(body.channels.find((c) => c.id === C.im)).toEqual(
      expect.objectContaining({ is_im: true, user: U.bob, priority: 0 }),
    );
    expect(body.channels.find((c) => c.id === C.mpim)).toMatchObject({
      is_mpim: true,
      is_open: true,
    });
  });

  it('lists every type the caller belongs to when asked', async () => {
    expect(ids(await call({ types: ALL_TYPES }))).toEqual([
      C.general,
      C.random,
      C.archived,
      C.private,
      C.im,
      C.imBot,
      C.mpim,
      C.extra[0],
      C.extra[1],
      C.extra[2],
    ]);
    expect(ids(await call({ types: 'im,mpim' }, SCENARIO_TOKENS.bot))).toEqual([C.imBot]);
  });

  it('shows another user’s public channels but their private ones only where the caller is also a member', async () => {
    // bob is in general, random, secret (private, bob only), the alice–bob IM, the MPIM, extra 4–6.
    expect(ids(await call({ types: ALL_TYPES, user: U.bob }))).toEqual([
      C.general,
      C.random,
      C.im,
      C.mpim,
      C.extra[3],
      C.extra[4],
      C.extra[5],
    ]);
    expect(ids(await call({ types: ALL_TYPES, user: U.bob }, SCENARIO_TOKENS.bot))).toEqual([
      C.general,
      C.random,
      C.extra[3],
      C.extra[4],
      C.extra[5],
    ]);
  });

  it('answers user_not_found for an unknown user', async () => {
    expect(await call({ user: 'U0NOBODY' })).toEqual({ ok: false, error: 'user_not_found' });
  });

  it('drops archived conversations with exclude_archived', async () => {
    expect(ids(await call({ exclude_archived: true }))).not.toContain(C.archived);
  });

  it('cuts the page from the caller’s memberships before filtering by type', async () => {
    // alice's memberships: general, random, archived, private, IM, bot IM, MPIM, extra 1–3.
    const first = await call({ types: 'public_channel', limit: 4 });
    expect(ids(first)).toEqual([C.general, C.random, C.archived]);
    const second = await call({
      types: 'public_channel',
      limit: 3,
      cursor: first.response_metadata.next_cursor,
    });
    expect(ids(second)).toEqual([]);
    expect(second.response_metadata.next_cursor).not.toBe('');
    const third = await call({
      types: 'public_channel',
      limit: 10,
      cursor: second.response_metadata.next_cursor,
    });
    expect(ids(third)).toEqual([C.extra[0], C.extra[1], C.extra[2]]);
    expect(third.response_metadata.next_cursor).toBe('');
  });

  it('rejects bad types, limits and cursors with Slack’s codes', async () => {
    expect(await call({ types: 'public' })).toEqual({ ok: false, error: 'invalid_types' });
    expect(await call({ limit: 'x' })).toEqual({ ok: false, error: 'invalid_limit' });
    expect(await call({ cursor: 'bm9wZQ==' })).toEqual({ ok: false, error: 'invalid_cursor' });
  });

  it('ignores JSON bodies, as Slack documents it does not accept them', async () => {
    const { body } = await slackCall<ListBody>(
      emulator.url,
      'users.conversations',
      { types: 'im' },
      { token: SCENARIO_TOKENS.alice, transport: 'json' },
    );
    expect(ids(body)).toEqual(ids(await call({})));
  });

  it('answers missing_scope for types the token may not read', async () => {
    expect(await call({ types: 'im' }, SCENARIO_TOKENS.readOnly)).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'im:read',
      provided: 'channels:read',
    });
  });
});
