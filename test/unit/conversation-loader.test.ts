import { describe, expect, it } from 'vitest';
import { createConversationLoader } from '../../src/loaders/conversation-loader.js';
import type { SlackCaller } from '../../src/loaders/slack-caller.js';
import { SlackPlatformError } from '../../src/slack/errors.js';
import type { SlackArgs } from '../../src/slack/slack-api.js';
import type { SlackConversation, SlackEnvelope } from '../../src/slack/wire-types.js';

/** Channels C1–C8 (C8 an MPIM) and IMs D1–D2, as conversations.list and .info present them. */
const CHANNELS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8'];
const IMS = ['D1', 'D2'];

function fakeSlack() {
  const calls: { method: string; args: SlackArgs }[] = [];
  const listed = (id: string): SlackConversation =>
    id.startsWith('D')
      ? { id, created: 1, is_im: true, user: 'U2' }
      : { id, name: id.toLowerCase(), created: 1, is_member: true, is_mpim: id === 'C8' };
  const call = (async (method: string, args: SlackArgs) => {
    calls.push({ method, args });
    const ok = (body: object) => ({ ok: true, ...body }) as SlackEnvelope;
    if (method === 'conversations.list') {
      const channels = [...CHANNELS, ...IMS].map((id) => {
        const object = listed(id);
        // Slack's list gives channels (not MPIMs or IMs) `num_members`.
        return object.is_im || object.is_mpim ? object : { ...object, num_members: 2 };
      });
      return ok({ channels, response_metadata: { next_cursor: '' } });
    }
    if (method === 'conversations.info') {
      const id = String(args.channel);
      if (![...CHANNELS, ...IMS].includes(id)) {
        throw new SlackPlatformError(method, { ok: false, error: 'channel_not_found' });
      }
      return ok({
        channel: {
          ...listed(id),
          ...(id.startsWith('D') ? { is_open: true } : {}),
          ...(args.include_num_members ? { num_members: 2 } : {}),
          ...(args.include_locale ? { locale: 'en-US' } : {}),
        },
      });
    }
    throw new Error(`unexpected ${method}`);
  }) as SlackCaller;
  const methods = () => calls.map((entry) => entry.method);
  return { call, calls, methods };
}

describe('the conversation loader resolves batches of IDs', () => {
  it('answers five IDs asked together from one conversations.list page, priming the rest of it', async () => {
    const { call, calls, methods } = fakeSlack();
    const loader = createConversationLoader(call);
    const ids = CHANNELS.slice(0, 5);
    const snapshots = await Promise.all(ids.map((id) => loader.load(id)));
    expect(snapshots.map((s) => [s.data.id, s.origin])).toEqual(
      ids.map((id) => [id, 'conversations.list']),
    );
    expect(calls).toEqual([
      {
        method: 'conversations.list',
        args: { types: 'public_channel,private_channel,mpim', limit: 999, cursor: undefined },
      },
    ]);
    // The page held C6 too: known now, no call.
    expect((await loader.load('C6')).origin).toBe('conversations.list');
    expect(methods()).toEqual(['conversations.list']);
  });

  it('asks conversations.info for one or a few IDs', async () => {
    const { call, methods } = fakeSlack();
    const loader = createConversationLoader(call);
    await Promise.all(['C1', 'C2', 'D1', 'C3'].map((id) => loader.load(id)));
    expect(methods()).toEqual(Array(4).fill('conversations.info'));
  });

  it('leaves to conversations.info what a list object cannot answer: locale, and num_members of MPIMs and IMs', async () => {
    const { call, calls } = fakeSlack();
    const loader = createConversationLoader(call);
    const counted = [...CHANNELS, ...IMS].map((id) => loader.load(id, { numMembers: true }));
    const localised = loader.load('C7', { locale: true });
    const snapshots = await Promise.all([...counted, localised]);
    expect(snapshots.map((s) => s.data.num_members ?? s.data.locale)).toEqual([
      ...Array(7).fill(2),
      2,
      2,
      2,
      'en-US',
    ]);
    const infos = calls.filter((entry) => entry.method === 'conversations.info');
    expect(calls[0]?.method).toBe('conversations.list');
    // D… are not listed for num_members (IM list objects are minimal); the MPIM's list object
    // had no num_members; C7 wanted the locale.
    expect(calls[0]?.args.types).toBe('public_channel,private_channel,mpim');
    const channelOf = (args: SlackArgs) => String(args.channel);
    expect(
      infos.map((entry) => entry.args).sort((x, y) => channelOf(x).localeCompare(channelOf(y))),
    ).toEqual([
      { channel: 'C7', include_num_members: undefined, include_locale: true },
      { channel: 'C8', include_num_members: true, include_locale: undefined },
      { channel: 'D1', include_num_members: true, include_locale: undefined },
      { channel: 'D2', include_num_members: true, include_locale: undefined },
    ]);
  });

  it('rejects an ID the list did not hold with what conversations.info says', async () => {
    const { call, methods } = fakeSlack();
    const loader = createConversationLoader(call);
    const results = await Promise.allSettled(
      [...CHANNELS.slice(0, 5), 'C404'].map((id) => loader.load(id)),
    );
    expect(results.map((r) => r.status)).toEqual([...Array(5).fill('fulfilled'), 'rejected']);
    expect(results[5]).toMatchObject({ reason: { error: 'channel_not_found' } });
    expect(methods()).toEqual(['conversations.list', 'conversations.info']);
  });

  it('looks an ID up once per request until a write makes it forget', async () => {
    const { call, methods } = fakeSlack();
    const loader = createConversationLoader(call);
    await Promise.all([loader.load('C1'), loader.load('C1')]);
    await loader.load('C1');
    expect(methods()).toEqual(['conversations.info']);
    loader.forget('C1');
    await loader.load('C1');
    expect(methods()).toEqual(['conversations.info', 'conversations.info']);
  });

  it('serves a known snapshot whatever inclusions are asked, as before batching', async () => {
    const { call, methods } = fakeSlack();
    const loader = createConversationLoader(call);
    loader.prime([{ id: 'C1', created: 1 }], 'users.conversations');
    const snapshot = await loader.load('C1', { numMembers: true });
    expect(snapshot.origin).toBe('users.conversations');
    expect(methods()).toEqual([]);
  });
});
