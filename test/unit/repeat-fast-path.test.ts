import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createRepeatFastPath } from '../../src/http/repeat-fast-path.js';

/**
 * The fast path alone, behind a stand-in for the response cache that reports every execution as
 * a hit valid for `ttlMs` (the integration tests run it behind the real one).
 */
function setUp({ maxBytes = 8 * 1024 * 1024, ttlMs = 60_000, current = (): boolean => true } = {}) {
  let clock = 0;
  let executions = 0;
  const lookups: string[] = [];
  const fastPath = createRepeatFastPath({
    graphqlPath: '/graphql',
    defaultToken: undefined,
    // Only the waiting form, as a shared store offers: the front then answers after it.
    provenance: { isCurrent: () => Promise.resolve(current()) },
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
    yoga,
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

describe("the fast path's front on node:http", () => {
  it('hands a miss to yoga with its body, answers a repeat itself, and stops once stale', async () => {
    let holds = true;
    const { fastPath, yoga, lookups, executions } = setUp({ current: () => holds });
    const server = createServer(fastPath.front(yoga, { admits: () => true }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const post = async (text: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer xoxp-1' },
        body: JSON.stringify({ query: `{ echo(text: "${text}") }` }),
      });
      return { status: response.status, text: await response.text() };
    };
    try {
      const first = await post('a');
      expect(first).toEqual({ status: 200, text: '{"data":{"echo":"a"}}' });
      expect(await post('a')).toEqual(first);
      expect(executions()).toBe(1);
      expect(lookups).toEqual(['miss', 'hit']);
      holds = false;
      expect(await post('a')).toEqual(first);
      expect(executions()).toBe(2);
      expect(await post('b')).toEqual({ status: 200, text: '{"data":{"echo":"b"}}' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
