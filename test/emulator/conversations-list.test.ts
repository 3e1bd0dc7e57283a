import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import {
  ALL_CONVERSATION_TYPES,
  type ConversationListBody,
  slackCall,
  useTestEmulator,
} from '../helpers/emulator.js';

const C = SCENARIO_IDS.conversations;
const ALL_TYPES = ALL_CONVERSATION_TYPES;

const emulator = useTestEmulator();

type ListBody = ConversationListBody;

async function list(args: Record<string, unknown>, token: string = SCENARIO_TOKENS.alice) {
  const { status, body } = await slackCall<ListBody>(emulator.url, 'conversations.list', args, {
    token,
  });
  expect(status).toBe(200);
  return body;
}

function ids(body: ListBody): unknown[] {
  return body.channels.map((channel) => channel.id);
}

describe('conversations.list', () => {
  it('lists every public channel by default, member or not, in workspace order', async () => {
    const body = await list({});
    expect(body.ok).toBe(true);
    expect(ids(body)).toEqual([C.general, C.random, C.archived, ...C.extra]);
    expect(body.response_metadata).toEqual({ next_cursor: '' });
  });

  it('marks membership with is_member and gives channels num_members', async () => {
    const body = await list({});
    const general = body.channels.find((channel) => channel.id === C.general);
    const project4 = body.channels.find((channel) => channel.id === C.extra[3]);
    expect(general).toMatchObject({ is_member: true, num_members: 4, name: 'general' });
    expect(project4).toMatchObject({ is_member: false, num_members: 1 });
    expect(general).not.toHaveProperty('members');
    expect(general).not.toHaveProperty('last_read');
  });

  it('shows private channels, MPIMs and IMs only to their members', async () => {
    const alice = await list({ types: ALL_TYPES });
    expect(ids(alice)).toEqual([
      C.general,
      C.random,
      C.archived,
      C.private,
      C.im,
      C.imBot,
      C.mpim,
      ...C.extra,
    ]);
    const bob = await list({ types: ALL_TYPES }, SCENARIO_TOKENS.bob);
    expect(ids(bob)).toEqual([C.general, C.random, C.archived, C.secret, C.im, C.mpim, ...C.extra]);
  });

  it('shows a bot token every public channel and only the private ones it was invited to', async () => {
    const body = await list({ types: 'public_channel,private_channel' }, SCENARIO_TOKENS.bot);
    expect(ids(body)).toEqual([C.general, C.random, C.archived, C.private, ...C.extra]);
    expect(body.channels.find((c) => c.id === C.random)).toMatchObject({ is_member: false });
  });

  it('gives IMs the minimal shape with the other party as user', async () => {
    const alice = await list({ types: 'im' });
    expect(alice.channels).toEqual([
      {
        id: C.im,
        created: 1_700_000_050,
        is_archived: false,
        is_im: true,
        is_org_shared: false,
        context_team_id: SCENARIO_IDS.team,
        updated: 1_700_000_050_000,
        user: SCENARIO_IDS.users.bob,
        is_user_deleted: false,
        priority: 0,
      },
      expect.objectContaining({ id: C.imBot, user: SCENARIO_IDS.users.bot }),
    ]);
    const bob = await list({ types: 'im' }, SCENARIO_TOKENS.bob);
    expect(bob.channels).toEqual([
      expect.objectContaining({ id: C.im, user: SCENARIO_IDS.users.alice }),
    ]);
  });

  it('gives MPIMs is_member and is_open but no num_members', async () => {
    const body = await list({ types: 'mpim' });
    expect(body.channels).toHaveLength(1);
    expect(body.channels[0]).toMatchObject({
      id: C.mpim,
      is_mpim: true,
      is_member: true,
      is_open: true,
    });
    expect(body.channels[0]).not.toHaveProperty('num_members');
  });

  it('trims spaces in types and ignores team_id for a workspace token', async () => {
    const body = await list({ types: ' private_channel , mpim ', team_id: 'T0OTHER' });
    expect(ids(body)).toEqual([C.private, C.mpim]);
  });

  it('drops archived conversations with exclude_archived', async () => {
    const body = await list({ exclude_archived: true });
    expect(ids(body)).not.toContain(C.archived);
    expect(ids(body)).toHaveLength(8);
    expect((await list({ exclude_archived: 1 })).channels).toHaveLength(8);
    expect((await list({ exclude_archived: 'false' })).channels).toHaveLength(9);
  });

  it('cuts the page before filtering, so pages can be short or empty with a cursor', async () => {
    // Workspace rows 4–6 are a private channel, bob's private channel and an IM: no public channel.
    const first = await list({ limit: 3 });
    expect(ids(first)).toEqual([C.general, C.random, C.archived]);
    expect(first.response_metadata.next_cursor).not.toBe('');
    const second = await list({ limit: 3, cursor: first.response_metadata.next_cursor });
    expect(second.channels).toEqual([]);
    expect(second.response_metadata.next_cursor).not.toBe('');
    const third = await list({ limit: 3, cursor: second.response_metadata.next_cursor });
    // Rows 7–9: an IM, the MPIM, then the first extra public channel.
    expect(ids(third)).toEqual([C.extra[0]]);
  });

  it('mints cursors shaped like Slack’s: base64 of team:<next id>, or im_id:<next id> before an IM', async () => {
    const page = await list({ limit: 1 });
    expect(Buffer.from(page.response_metadata.next_cursor, 'base64').toString()).toBe(
      `team:${C.random}`,
    );
    const beforeIm = await list({ limit: 5 });
    expect(Buffer.from(beforeIm.response_metadata.next_cursor, 'base64').toString()).toBe(
      `im_id:${C.im}`,
    );
  });

  it('clamps limits above the maximum and treats zero as the default', async () => {
    expect((await list({ limit: 5000 })).channels).toHaveLength(9);
    expect((await list({ limit: 0 })).channels).toHaveLength(9);
  });

  it('rejects a limit that is not an integer with invalid_limit', async () => {
    expect(await list({ limit: 'ten' })).toEqual({ ok: false, error: 'invalid_limit' });
    expect(await list({ limit: '2.5' })).toEqual({ ok: false, error: 'invalid_limit' });
  });

  it('rejects cursors it did not mint with invalid_cursor', async () => {
    expect(await list({ cursor: 'not a cursor!' })).toEqual({ ok: false, error: 'invalid_cursor' });
    const foreign = Buffer.from('user:U0ALICE').toString('base64');
    expect(await list({ cursor: foreign })).toEqual({ ok: false, error: 'invalid_cursor' });
    const unknown = Buffer.from('team:C0NOSUCH').toString('base64');
    expect(await list({ cursor: unknown })).toEqual({ ok: false, error: 'invalid_cursor' });
  });

  it('rejects unknown conversation types with invalid_types', async () => {
    expect(await list({ types: 'public_channel,channels' })).toEqual({
      ok: false,
      error: 'invalid_types',
    });
  });

  it('answers missing_scope naming the scope of a requested type the token lacks', async () => {
    const body = await list(
      { types: 'public_channel,private_channel,im' },
      SCENARIO_TOKENS.readOnly,
    );
    expect(body).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'groups:read,im:read',
      provided: 'channels:read',
    });
    const allowed = await list({ types: 'public_channel' }, SCENARIO_TOKENS.readOnly);
    expect(allowed.ok).toBe(true);
  });

  it('accepts GET and form with a token field alike', async () => {
    for (const transport of ['get', 'form-token'] as const) {
      const { body } = await slackCall<ListBody>(
        emulator.url,
        'conversations.list',
        { types: 'private_channel' },
        { token: SCENARIO_TOKENS.alice, transport },
      );
      expect(ids(body)).toEqual([C.private]);
    }
  });

  it('ignores the arguments of a JSON body, as Slack does for this method', async () => {
    const { body } = await slackCall<ListBody>(
      emulator.url,
      'conversations.list',
      { types: 'private_channel', limit: 1 },
      { token: SCENARIO_TOKENS.alice, transport: 'json' },
    );
    expect(ids(body)).toEqual(ids(await list({})));
    expect(ids(body)).not.toContain(C.private);
  });

  it('fails without a usable token before looking at arguments', async () => {
    const none = await slackCall(emulator.url, 'conversations.list', { types: 'bogus' });
    expect(none.body).toEqual({ ok: false, error: 'not_authed' });
    expect(await list({}, SCENARIO_TOKENS.revoked)).toEqual({ ok: false, error: 'token_revoked' });
  });

  it('advertises the scopes that can satisfy the method', async () => {
    const { headers } = await slackCall(
      emulator.url,
      'conversations.list',
      {},
      {
        token: SCENARIO_TOKENS.alice,
      },
    );
    expect(headers.get('x-accepted-oauth-scopes')).toBe(
      'channels:read,groups:read,mpim:read,im:read',
    );
  });
});
