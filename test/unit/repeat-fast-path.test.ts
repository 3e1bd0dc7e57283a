import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createRepeatFastPath } from '../../src/http/repeat-fast-path.js';

/**
 * The fast path alone, behind a stand-in for the response cache that reports every execution as
 * a hit valid for `ttlMs` (the integration tests run it behind the real one).
 */
function setUp({ maxBytes = 8 * 1024 * 1024, ttlMs = 60_000 } = {}) {
  let clock = 0;
  let executions = 0;
  const lookups: string[] = [];
  const fastPath = createRepeatFastPath({
    graphqlPath: '/graphql',
    defaultToken: undefined,
    provenance: { isCurrent: () => Promise.resolve(true) },
    maxBytes,
    observer: { lookup: (_type, result) => lookups.push(result) },
    now: () => clock,
  });
  const standInCache: Plugin = {
    onExecute({ args }) {
      executions += 1;
      const { request } = args.contextValue as { request: Request };
      fastPath.answeredFromCache(request, { tags: {}, expiresAt: clock + ttlMs });
    },
  };
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'type Query { echo(text: String!): String! }',
      resolvers: { Query: { echo: (_: unknown, { text }: { text: string }) => text } },
    }),
    logging: false,
    plugins: [standInCache, fastPath.plugin],
  });
  const post = async (text: string, token: string | null = 'xoxp-1') => {
    const body = JSON.stringify({ query: `{ echo(text: "${text}") }` });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers,
      body,
    });
    return response.text();
  };
  return {
    fastPath,
    post,
    lookups,
    executions: () => executions,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('the repeat-request fast path', () => {
  it('answers a repeat from the kept bytes, until the kept answer expires', async () => {
    const { post, executions, advance } = setUp({ ttlMs: 1_000 });
    const first = await post('a');
    expect(await post('a')).toBe(first);
    expect(executions()).toBe(1);
    advance(1_000);
    expect(await post('a')).toBe(first);
    expect(executions()).toBe(2);
  });

  it('stays within its bytes, whatever a token sends, dropping the least recently used', async () => {
    const maxBytes = 4 * 1024;
    const { fastPath, post, executions } = setUp({ maxBytes });
    for (let index = 0; index < 60; index += 1) {
      await post(`${index}-${'x'.repeat(100)}`);
      expect(fastPath.bytes).toBeLessThanOrEqual(maxBytes);
    }
    expect(fastPath.bytes).toBeGreaterThan(0);
    const before = executions();
    await post(`59-${'x'.repeat(100)}`);
    expect(executions()).toBe(before);
    await post(`0-${'x'.repeat(100)}`);
    expect(executions()).toBe(before + 1);
  });

  it('neither looks up nor keeps a request without a token', async () => {
    const { fastPath, post, lookups, executions } = setUp();
    await post('a', null);
    await post('a', null);
    expect(lookups).toEqual([]);
    expect(fastPath.bytes).toBe(0);
    expect(executions()).toBe(2);
  });
});
