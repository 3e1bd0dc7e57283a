import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_TTLS } from '../../src/cache/cache-policy.js';
import { type CacheResult, createCachingSlackApi } from '../../src/cache/caching-slack-api.js';
import { createMemoryStore } from '../../src/cache/memory-store.js';
import { SlackPlatformError, SlackRateLimitedError } from '../../src/slack/errors.js';
import type { SlackMethod } from '../../src/slack/methods.js';
import type { SlackApi, SlackArgs } from '../../src/slack/slack-api.js';
import { SlackToken } from '../../src/slack/slack-token.js';
import type { SlackEnvelope } from '../../src/slack/wire-types.js';

type Body = SlackEnvelope & Record<string, unknown>;

/**
 * A stand-in Slack behind the cache: answers reads with the calling token and a serial number,
 * list pages with the conversations in `lists`, and records every call it receives.
 */
class FakeSlack implements SlackApi {
  readonly calls: string[] = [];
  serial = 0;
  lists = ['C1', 'C2'];
  fail: Error | undefined;
  gate: Promise<void> = Promise.resolve();

  async call<T extends SlackEnvelope>(
    method: string,
    args: SlackArgs,
    { value: token }: SlackToken,
  ): Promise<T> {
    this.calls.push(`${method} ${JSON.stringify(args)}`);
    await this.gate;
    if (this.fail) throw this.fail;
    this.serial += 1;
    const body: Body = { ok: true, token, serial: this.serial };
    if (method === 'conversations.list' || method === 'users.conversations') {
      body.channels = this.lists.map((id) => ({ id }));
    }
    if (method === 'conversations.create') body.channel = { id: 'CNEW' };
    return body as T;
  }

  count(prefix: string): number {
    return this.calls.filter((call) => call.startsWith(prefix)).length;
  }
}

function setup() {
  const slack = new FakeSlack();
  const lookups: CacheResult[] = [];
  const api = createCachingSlackApi(slack, {
    store: createMemoryStore(),
    observer: { lookup: (_type, result) => lookups.push(result), invalidated: () => {} },
  });
  return { slack, api, lookups };
}

const read = (api: SlackApi, method: SlackMethod, args: SlackArgs, token: string) =>
  api.call<Body>(method, args, new SlackToken(token));

describe('the Slack cache', () => {
  it('serves a repeated read from the cache, whatever the argument order', async () => {
    const { slack, api, lookups } = setup();
    const first = await read(
      api,
      'conversations.info',
      { channel: 'C1', include_locale: true },
      'A',
    );
    const again = await read(
      api,
      'conversations.info',
      { include_locale: 'true', channel: 'C1' },
      'A',
    );
    expect(again).toEqual(first);
    expect(slack.calls).toHaveLength(1);
    expect(lookups).toEqual(['miss', 'hit']);
  });

  it('never serves one token an answer fetched with another', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            token: fc.constantFrom('xoxp-a', 'xoxp-b', 'xoxb-c'),
            method: fc.constantFrom('conversations.info', 'users.info', 'conversations.list'),
            channel: fc.constantFrom('C1', 'C2'),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        async (reads) => {
          const { api } = setup();
          const answers = await Promise.all(
            reads.map((r) => read(api, r.method, { channel: r.channel }, r.token)),
          );
          answers.forEach((answer, index) => {
            expect(answer.token).toBe(reads[index]?.token);
          });
        },
      ),
    );
  });

  it('shares one Slack call between identical concurrent reads of one token only', async () => {
    const { slack, api, lookups } = setup();
    let open = (): void => {};
    slack.gate = new Promise((resolve) => {
      open = resolve;
    });
    const pending = [
      read(api, 'users.info', { user: 'U1' }, 'A'),
      read(api, 'users.info', { user: 'U1' }, 'A'),
      read(api, 'users.info', { user: 'U1' }, 'A'),
      read(api, 'users.info', { user: 'U1' }, 'B'),
    ];
    await new Promise((resolve) => setImmediate(resolve));
    open();
    const answers = await Promise.all(pending);
    expect(slack.calls).toHaveLength(2);
    expect(new Set(answers.slice(0, 3).map((a) => a.serial)).size).toBe(1);
    expect(lookups.filter((result) => result === 'shared')).toHaveLength(2);
  });

  it('does not cache failures', async () => {
    const { slack, api } = setup();
    slack.fail = new SlackPlatformError('conversations.info', {
      ok: false,
      error: 'channel_not_found',
    });
    await expect(read(api, 'conversations.info', { channel: 'C9' }, 'A')).rejects.toThrow();
    slack.fail = undefined;
    await read(api, 'conversations.info', { channel: 'C9' }, 'A');
    expect(slack.calls).toHaveLength(2);
  });

  it('calls Slack every time for a type whose TTL is 0', async () => {
    const slack = new FakeSlack();
    const api = createCachingSlackApi(slack, {
      store: createMemoryStore(),
      ttls: { ...DEFAULT_CACHE_TTLS, history: 0 },
    });
    await read(api, 'conversations.history', { channel: 'C1' }, 'A');
    await read(api, 'conversations.history', { channel: 'C1' }, 'A');
    expect(slack.calls).toHaveLength(2);
  });

  it('keeps answering when the store fails, by calling Slack', async () => {
    const slack = new FakeSlack();
    const broken = () => Promise.reject(new Error('store down'));
    const api = createCachingSlackApi(slack, {
      store: { get: broken, getMany: broken, set: broken, add: broken, delete: broken },
    });
    const answer = await read(api, 'conversations.info', { channel: 'C1' }, 'A');
    expect(answer.ok).toBe(true);
    await read(api, 'conversations.info', { channel: 'C1' }, 'A');
    expect(slack.calls).toHaveLength(2);
  });

  it('expires entries after their type TTL', async () => {
    let now = 0;
    const slack = new FakeSlack();
    const api = createCachingSlackApi(slack, { store: createMemoryStore({ now: () => now }) });
    await read(api, 'conversations.info', { channel: 'C1' }, 'A');
    now = DEFAULT_CACHE_TTLS.conversation * 1_000 - 1;
    await read(api, 'conversations.info', { channel: 'C1' }, 'A');
    expect(slack.calls).toHaveLength(1);
    now += 1;
    await read(api, 'conversations.info', { channel: 'C1' }, 'A');
    expect(slack.calls).toHaveLength(2);
  });
});

/** Reads every kind of entry a write could touch, for two tokens. */
async function warm(api: SlackApi): Promise<void> {
  for (const token of ['A', 'B']) {
    await read(api, 'conversations.info', { channel: 'C1' }, token);
    await read(api, 'conversations.members', { channel: 'C1', limit: 100 }, token);
    await read(api, 'conversations.history', { channel: 'C1', limit: 15 }, token);
    await read(api, 'conversations.replies', { channel: 'C1', ts: '1.2' }, token);
    await read(api, 'conversations.list', { types: 'public_channel', limit: 200 }, token);
    await read(api, 'users.conversations', { limit: 200 }, token);
    await read(api, 'conversations.info', { channel: 'C3' }, token);
    await read(api, 'users.info', { user: 'U1' }, token);
  }
}

/** Which of the warmed reads call Slack again, for token B. */
async function refetched(api: SlackApi, slack: FakeSlack): Promise<string[]> {
  const before = slack.calls.length;
  await warm(api);
  return slack.calls
    .slice(before)
    .map((call) => call.split(' ')[0] as string)
    .filter((_, index, all) => all.indexOf(all[index] as string) === index);
}

describe('invalidation after writes', () => {
  const perConversation = [
    'conversations.info',
    'conversations.members',
    'conversations.history',
    'conversations.replies',
    'conversations.list',
    'users.conversations',
  ];
  // Writes that change what a list row shows (name, topic, purpose).
  const rowWrites: SlackMethod[] = [
    'conversations.rename',
    'conversations.setTopic',
    'conversations.setPurpose',
  ];
  const structuralWrites: SlackMethod[] = [
    'conversations.archive',
    'conversations.unarchive',
    'conversations.join',
    'conversations.leave',
    'conversations.invite',
    'conversations.kick',
    'conversations.close',
    'conversations.open',
  ];

  for (const method of [...rowWrites, ...structuralWrites]) {
    it(`${method} on C1 drops every token's entries about C1 and the list pages`, async () => {
      const { slack, api } = setup();
      await warm(api);
      await api.call(method, { channel: 'C1' }, new SlackToken('A'));
      const again = await refetched(api, slack);
      expect(again.sort()).toEqual([...perConversation].sort());
      // conversations.info of C3 and users.info stayed cached for both tokens.
      expect(slack.count('conversations.info {"channel":"C3"}')).toBe(2);
      expect(slack.count('users.info')).toBe(2);
    });
  }

  for (const method of [...rowWrites, ...structuralWrites]) {
    it(`${method} also drops list pages that do not show its conversation`, async () => {
      const { slack, api } = setup();
      slack.lists = ['C2'];
      await warm(api);
      await api.call(method, { channel: 'C1' }, new SlackToken('A'));
      const again = await refetched(api, slack);
      expect(again).toContain('conversations.list');
      expect(again).toContain('users.conversations');
    });
  }

  it('conversations.mark drops what conversations.info shows of C1, not the list pages', async () => {
    const { slack, api } = setup();
    await warm(api);
    await api.call('conversations.mark', { channel: 'C1', ts: '1.2' }, new SlackToken('A'));
    const again = await refetched(api, slack);
    expect(again.sort()).toEqual(
      perConversation
        .filter(
          (method) => !method.includes('conversations.list') && method !== 'users.conversations',
        )
        .sort(),
    );
  });

  it('conversations.create drops the list pages, so the new conversation shows up', async () => {
    const { slack, api } = setup();
    await warm(api);
    await api.call('conversations.create', { name: 'new' }, new SlackToken('A'));
    const again = await refetched(api, slack);
    expect(again.sort()).toEqual(['conversations.list', 'users.conversations']);
  });

  it('a write the cache does not know drops everything', async () => {
    const { slack, api } = setup();
    await warm(api);
    // @ts-expect-error a method missing from the table still reaches the cache at run time
    await api.call('conversations.someNewWrite', { channel: 'C9' }, 'A');
    const again = await refetched(api, slack);
    expect(again).toContain('users.info');
    expect(again).toContain('conversations.info');
  });

  it('a refused write or a 429 does not invalidate; per-user errors and unknown outcomes do', async () => {
    const { slack, api } = setup();
    await warm(api);
    slack.fail = new SlackRateLimitedError('conversations.setTopic', 3);
    await expect(
      api.call('conversations.setTopic', { channel: 'C1' }, new SlackToken('A')),
    ).rejects.toThrow();
    slack.fail = new SlackPlatformError('conversations.invite', {
      ok: false,
      error: 'cant_invite',
    });
    await expect(
      api.call('conversations.invite', { channel: 'C1' }, new SlackToken('A')),
    ).rejects.toThrow();
    slack.fail = undefined;
    expect(await refetched(api, slack)).toEqual([]);
    // Per-user results: the invite may have reached some users.
    slack.fail = new SlackPlatformError('conversations.invite', {
      ok: false,
      error: 'cant_invite',
      errors: [{ user: 'U1', ok: false, error: 'cant_invite' }],
    });
    await expect(
      api.call('conversations.invite', { channel: 'C1' }, new SlackToken('A')),
    ).rejects.toThrow();
    slack.fail = undefined;
    expect(await refetched(api, slack)).toContain('conversations.info');
    slack.fail = new SlackPlatformError('conversations.setTopic', {
      ok: false,
      error: 'internal_error',
    });
    await expect(
      api.call('conversations.setTopic', { channel: 'C1' }, new SlackToken('A')),
    ).rejects.toThrow();
    slack.fail = undefined;
    expect(await refetched(api, slack)).toContain('conversations.info');
  });

  it('does not store a read whose Slack call overlapped a write', async () => {
    const { slack, api } = setup();
    let open = (): void => {};
    slack.gate = new Promise((resolve) => {
      open = resolve;
    });
    const stale = read(api, 'conversations.info', { channel: 'C1' }, 'B');
    await new Promise((resolve) => setImmediate(resolve));
    const writing = api.call(
      'conversations.setTopic',
      { channel: 'C1', topic: 'new' },
      new SlackToken('A'),
    );
    open();
    await Promise.all([stale, writing]);
    slack.gate = Promise.resolve();
    const before = slack.calls.length;
    await read(api, 'conversations.info', { channel: 'C1' }, 'B');
    expect(slack.calls.length).toBe(before + 1);
  });

  it('does not let a read that starts after a write join a call from before it', async () => {
    const { slack, api } = setup();
    let open = (): void => {};
    slack.gate = new Promise((resolve) => {
      open = resolve;
    });
    const early = read(api, 'conversations.info', { channel: 'C1' }, 'A');
    await new Promise((resolve) => setImmediate(resolve));
    slack.gate = Promise.resolve();
    await api.call('conversations.setTopic', { channel: 'C1', topic: 'new' }, new SlackToken('A'));
    const late = read(api, 'conversations.info', { channel: 'C1' }, 'A');
    open();
    const [first, second] = await Promise.all([early, late]);
    expect(second.serial).not.toBe(first.serial);
  });
});
