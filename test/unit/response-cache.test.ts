import { GraphQLObjectType, type GraphQLResolveInfo, GraphQLSchema, GraphQLString } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_TTLS } from '../../src/cache/cache-policy.js';
import { createCachingSlackApi } from '../../src/cache/caching-slack-api.js';
import { createMemoryStore } from '../../src/cache/memory-store.js';
import { createReadLog } from '../../src/cache/read-log.js';
import {
  type ResponseCacheContext,
  useResponseCache,
} from '../../src/cache/response-cache-plugin.js';
import type { SlackApi } from '../../src/slack/slack-api.js';
import { SlackToken } from '../../src/slack/slack-token.js';
import type { SlackEnvelope } from '../../src/slack/wire-types.js';

interface Context extends ResponseCacheContext {
  slack: SlackApi;
}

/** `name` reads conversations.info (TTL 60 s); `members` reads conversations.members (10 s). */
const schema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, Context>({
    name: 'Query',
    fields: Object.fromEntries(
      (['info', 'members'] as const).map((field) => [
        field,
        {
          type: GraphQLString,
          resolve: async (_: unknown, __: unknown, context: Context, ___: GraphQLResolveInfo) => {
            const answer = await context.slack.call(
              `conversations.${field}`,
              { channel: 'C1' },
              new SlackToken('t'),
            );
            return JSON.stringify(answer);
          },
        },
      ]),
    ),
  }),
});

function setUp() {
  let clock = 0;
  const now = () => clock;
  const sent: string[] = [];
  const slack: SlackApi = {
    call<T extends SlackEnvelope>(method: string): Promise<T> {
      sent.push(method);
      return Promise.resolve({ ok: true, n: sent.length } as unknown as T);
    },
  };
  const store = createMemoryStore({ now });
  const caching = createCachingSlackApi(slack, {
    store,
    ttls: { ...DEFAULT_CACHE_TTLS, conversation: 60, members: 10 },
    now,
  });
  const yoga = createYoga<object, Context>({
    schema,
    context: () => {
      const readLog = createReadLog(caching);
      return { readLog, tokenHash: 'h', slack: readLog.record(caching) };
    },
    plugins: [useResponseCache({ store, provenance: caching, now })],
    logging: false,
  });
  const query = async (source: string) => {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: source }),
    });
    return ((await response.json()) as { data: Record<string, string> }).data;
  };
  return {
    query,
    sent,
    at: (ms: number) => {
      clock = ms;
    },
  };
}

describe('useResponseCache', () => {
  it('keeps a response until the earliest of its Slack answers expires', async () => {
    const { query, sent, at } = setUp();
    const first = await query('{ info members }');
    at(9_999);
    expect(await query('{ info members }')).toEqual(first);
    expect(sent).toEqual(['conversations.info', 'conversations.members']);
    at(10_000);
    const second = await query('{ info members }');
    // Only the expired answer was asked again; the response was rebuilt around it.
    expect(sent).toEqual(['conversations.info', 'conversations.members', 'conversations.members']);
    expect(second.info).toBe(first.info);
    expect(second.members).not.toBe(first.members);
  });

  it('does not let a response outlive the cached answer it was built from', async () => {
    const { query, sent, at } = setUp();
    await query('{ info }');
    at(50_000);
    await query('{ alias: info }');
    at(59_999);
    await query('{ alias: info }');
    expect(sent).toEqual(['conversations.info']);
    // The answer of 0 s expires at 60 s, and the response built from it at 50 s with it.
    at(60_000);
    await query('{ alias: info }');
    expect(sent).toEqual(['conversations.info', 'conversations.info']);
  });
});
