import { describe, expect, it } from 'vitest';
import { createLoaders } from '../../src/loaders/index.js';
import type { SlackApi, SlackArgs } from '../../src/slack/slack-api.js';
import { SlackToken } from '../../src/slack/slack-token.js';
import type { SlackConversation, SlackEnvelope, SlackUser } from '../../src/slack/wire-types.js';

/** A SlackApi answering from tables, recording every call (the loaders' only dependency). */
function recordingSlack(users: readonly SlackUser[], pageSize = 1000) {
  const calls: { method: string; args: SlackArgs }[] = [];
  const channel = (id: string, args: SlackArgs): SlackConversation => ({
    id,
    name: id.toLowerCase(),
    created: 1,
    is_member: true,
    ...(args.include_num_members ? { num_members: 3 } : {}),
    ...(args.include_locale ? { locale: 'en-US' } : {}),
  });
  const slack: SlackApi = {
    async call<T extends SlackEnvelope>(method: string, args: SlackArgs) {
      calls.push({ method, args });
      const answer = (body: Record<string, unknown>) => ({ ok: true, ...body }) as unknown as T;
      if (method === 'conversations.info')
        return answer({ channel: channel(String(args.channel), args) });
      if (method === 'users.info') {
        const user = users.find((candidate) => candidate.id === args.user);
        if (!user) throw new Error('user_not_found');
        return answer({ user });
      }
      if (method === 'users.list') {
        const start = args.cursor === undefined ? 0 : Number(args.cursor);
        const end = start + pageSize;
        const next = end < users.length ? String(end) : '';
        return answer({
          members: users.slice(start, end),
          response_metadata: { next_cursor: next },
        });
      }
      if (method === 'auth.test') return answer({ user_id: 'U1', team_id: 'T1', team: 'T' });
      const end = { response_metadata: { next_cursor: '' } };
      if (method === 'conversations.list' || method === 'users.conversations') {
        return answer({ channels: [channel('C1', args)], ...end });
      }
      if (method === 'conversations.members') return answer({ members: ['U1'], ...end });
      throw new Error(`unexpected ${method}`);
    },
  };
  return { slack, calls };
}

const user = (id: string): SlackUser => ({
  id,
  name: id,
  deleted: false,
  is_bot: false,
  profile: {},
});
const USERS = ['U1', 'U2', 'U3', 'U4', 'U5'].map(user);

describe('createLoaders', () => {
  it('rejects every load with UNAUTHENTICATED and calls nothing without a token', async () => {
    const { slack, calls } = recordingSlack(USERS);
    const loaders = createLoaders(slack, undefined);
    const results = await Promise.allSettled([
      loaders.authTest(),
      loaders.teamInfo(),
      loaders.users.load('U1'),
      loaders.conversations.load('C1'),
      loaders.pages.conversationMembers('C1', { cursor: '', limit: 5 }),
    ]);
    for (const result of results) {
      expect(result).toMatchObject({
        status: 'rejected',
        reason: { extensions: { code: 'UNAUTHENTICATED' } },
      });
    }
    expect(calls).toEqual([]);
  });

  it('reports the size of each batch by loader', async () => {
    const { slack } = recordingSlack(USERS);
    const batches: [string, number][] = [];
    const loaders = createLoaders(slack, new SlackToken('xoxp-test'), {
      observeBatch: (loader, size) => batches.push([loader, size]),
    });
    await Promise.all([
      ...USERS.map((each) => loaders.users.load(each.id)),
      loaders.users.load('U1'),
    ]);
    await Promise.all([loaders.conversations.load('C1'), loaders.conversations.load('C2')]);
    await loaders.conversations.loadInfo('C3');
    expect(batches).toEqual([
      ['users', 5],
      ['conversations', 2],
      ['conversation_info', 2],
      ['conversation_info', 1],
    ]);
  });

  it('merges info lookups of one conversation made together into one call with every inclusion', async () => {
    const { slack, calls } = recordingSlack(USERS);
    const loaders = createLoaders(slack, new SlackToken('xoxp-test'));
    const [plain, counted, localised] = await Promise.all([
      loaders.conversations.loadInfo('C1'),
      loaders.conversations.loadInfo('C1', { numMembers: true }),
      loaders.conversations.loadInfo('C1', { locale: true }),
    ]);
    expect(calls).toEqual([
      {
        method: 'conversations.info',
        args: { channel: 'C1', include_num_members: true, include_locale: true },
      },
    ]);
    expect([plain.data.num_members, counted.data.num_members, localised.data.locale]).toEqual([
      3,
      3,
      'en-US',
    ]);
    // A later lookup needing no more than was asked costs nothing.
    await loaders.conversations.loadInfo('C1', { numMembers: true });
    expect(calls).toHaveLength(1);
  });

  it('asks again only for an inclusion that was not asked for before', async () => {
    const { slack, calls } = recordingSlack(USERS);
    const loaders = createLoaders(slack, new SlackToken('xoxp-test'));
    await loaders.conversations.loadInfo('C1');
    await loaders.conversations.loadInfo('C1', { numMembers: true });
    expect(calls.map((call) => call.args.include_num_members)).toEqual([undefined, true]);
  });

  it('serves a conversation primed by a list page without calling Slack', async () => {
    const { slack, calls } = recordingSlack(USERS);
    const loaders = createLoaders(slack, new SlackToken('xoxp-test'));
    loaders.conversations.prime([{ id: 'C9', name: 'nine', created: 1 }], 'conversations.list');
    const snapshot = await loaders.conversations.load('C9');
    expect(snapshot).toMatchObject({ origin: 'conversations.list', data: { name: 'nine' } });
    expect(calls).toEqual([]);
  });

  it('uses users.info for a lone user and one users.list page for several', async () => {
    const { slack, calls } = recordingSlack(USERS);
    const loaders = createLoaders(slack, new SlackToken('xoxp-test'));
    await loaders.users.load('U2');
    expect(calls.map((call) => call.method)).toEqual(['users.info']);
    const names = await Promise.all(['U3', 'U4', 'U5'].map((id) => loaders.users.load(id)));
    expect(names.map((found) => found.id)).toEqual(['U3', 'U4', 'U5']);
    expect(calls.map((call) => call.method)).toEqual(['users.info', 'users.list']);
    // users.list primed everyone it returned.
    await loaders.users.load('U1');
    expect(calls).toHaveLength(2);
  });

  it('looks for a lone user in the users.list page already in flight, not with users.info', async () => {
    const { slack, calls } = recordingSlack(USERS);
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // users.list answers only once released, so the lone user is asked for while it is in flight.
    const gated: SlackApi = {
      async call(method, args, token, options) {
        if (method === 'users.list') await gate;
        return slack.call(method, args, token, options);
      },
    };
    const loaders = createLoaders(gated, new SlackToken('xoxp-test'));
    const pair = Promise.all(['U1', 'U2'].map((id) => loaders.users.load(id)));
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    await turn(); // the batch of two has started its users.list page
    await turn();
    const lone = loaders.users.load('U3');
    await turn(); // the lone user's batch runs while the page is in flight
    await turn();
    release();
    expect((await pair).map((found) => found.id)).toEqual(['U1', 'U2']);
    expect((await lone).id).toBe('U3');
    expect(calls.map((call) => call.method)).toEqual(['users.list']);
  });

  it('stops paging users.list once asking for the rest one by one is no dearer', async () => {
    const { slack, calls } = recordingSlack(USERS, 1);
    const loaders = createLoaders(slack, new SlackToken('xoxp-test'));
    await Promise.all(['U1', 'U5'].map((id) => loaders.users.load(id)));
    // Page 1 holds U1; one user is left and one page was read: users.info for U5.
    expect(calls.map((call) => call.method)).toEqual(['users.list', 'users.info']);
  });

  it('reports a user users.list does not hold through users.info', async () => {
    const { slack } = recordingSlack(USERS);
    const loaders = createLoaders(slack, new SlackToken('xoxp-test'));
    const results = await Promise.allSettled(['U1', 'U404'].map((id) => loaders.users.load(id)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
  });

  it("sends the limit asked for, capped at the method's largest, and says when it capped it", async () => {
    const { slack, calls } = recordingSlack(USERS);
    const loaders = createLoaders(slack, new SlackToken('xoxp-test'));
    const filter = { excludeArchived: true };
    const pages = await Promise.all([
      loaders.pages.conversationsList(filter, { cursor: '', limit: 102 }),
      loaders.pages.usersConversations(filter, { cursor: 'abc', limit: 1_001 }),
      loaders.pages.conversationMembers('C1', { cursor: '', limit: 6 }),
    ]);
    // A page after a cursor leaves at once, first pages a microtask later (see the next test).
    expect(calls.map(({ method, args }) => [method, args.limit, args.cursor])).toEqual([
      ['users.conversations', 999, 'abc'],
      ['conversations.list', 102, undefined],
      ['conversations.members', 6, undefined],
    ]);
    expect(pages.map((page) => page.limit)).toEqual([undefined, 999, undefined]);
  });

  it('makes first pages of one connection asked for together one call, with the largest limit', async () => {
    const { slack, calls } = recordingSlack(USERS);
    const loaders = createLoaders(slack, new SlackToken('xoxp-test'));
    const pages = await Promise.all([
      loaders.pages.conversationMembers('C1', { cursor: '', limit: 6 }),
      loaders.pages.conversationMembers('C1', { cursor: '', limit: 51 }),
      loaders.pages.conversationMembers('C2', { cursor: '', limit: 6 }),
    ]);
    expect(calls.map(({ method, args }) => [method, args.channel, args.limit])).toEqual([
      ['conversations.members', 'C1', 51],
      ['conversations.members', 'C2', 6],
    ]);
    // Edge cursors record the limit sent, so a resumed connection replays that very page.
    expect(pages.map((page) => page.limit)).toEqual([51, undefined, undefined]);
  });

  it('makes an identical call once per request', async () => {
    const { slack, calls } = recordingSlack(USERS);
    const loaders = createLoaders(slack, new SlackToken('xoxp-test'));
    await Promise.all([loaders.authTest(), loaders.authTest()]);
    await loaders.authTest();
    expect(calls).toHaveLength(1);
  });
});
