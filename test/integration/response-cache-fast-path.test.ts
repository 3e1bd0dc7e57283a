import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigOverrides } from '../../src/config.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { postTextAsAlice } from '../helpers/post-graphql.js';
import { rawRequest } from '../helpers/raw-request.js';

const C = SCENARIO_IDS.conversations;

const TOPIC = 'query Topic($id: ID!) { conversation(id: $id) { topic { value } } }';
const LIST = `query List {
  conversations(first: 50, types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL]) { edges { node { id name } } }
}`;
const EXAMPLE_MANIFEST = fileURLToPath(
  new URL('../../examples/gql/persisted-documents.json', import.meta.url),
);
/** `ChannelsWithMembers` of the example manifest. */
const CHANNELS_WITH_MEMBERS = '6b0e555d238ae44750a46aa6d3f59540354e82b44b1433044c019e0018e751e7';

type LookupType = 'repeat_request' | 'response';

/** `cache_hits_total` / `cache_misses_total` of one lookup type. */
async function lookups(
  gateway: TestGateway,
  type: LookupType,
): Promise<{ hits: number; misses: number }> {
  const count = async (name: string): Promise<number> => {
    const metric = await gateway.gateway.metrics.registry.getSingleMetric(name)?.get();
    return metric?.values.find((value) => value.labels.type === type)?.value ?? 0;
  };
  return { hits: await count('cache_hits_total'), misses: await count('cache_misses_total') };
}

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** A POST exactly as given (body bytes and headers), over a real socket. */
async function post(
  gateway: TestGateway,
  body: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await postTextAsAlice(gateway.url, body, headers);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const topicBody = (id: string): string => JSON.stringify({ query: TOPIC, variables: { id } });

/**
 * A POST as Alice whose body goes out in `parts` writes over one socket (each after the previous
 * one was flushed), so the gateway reads it in several chunks.
 */
function postInParts(url: string, parts: readonly string[]): Promise<RawResponse> {
  const body = parts.join('');
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          authorization: `Bearer ${SCENARIO_TOKENS.alice}`,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          resolve({ status: response.statusCode ?? 0, headers, text });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.flushHeaders();
    const writeFrom = (index: number): void => {
      const part = parts[index];
      if (part === undefined) {
        outgoing.end();
        return;
      }
      outgoing.write(part, () => setImmediate(() => writeFrom(index + 1)));
    };
    writeFrom(0);
  });
}

describe('the repeat-request fast path', () => {
  let gateway: TestGateway;
  afterEach(() => gateway.close());

  const start = async (overrides: ConfigOverrides = {}, liveEvents = false) => {
    gateway = await startTestGateway({
      liveEvents,
      gatewayConfig: {
        ...overrides,
        cache: { enabled: true, responsesEnabled: true, ...overrides.cache },
      },
    });
  };

  it('answers the third identical request from the bytes the response cache sent', async () => {
    await start({ observability: { slackCostExposure: 'on-request' } });
    const body = topicBody(C.general);
    const cold = await post(gateway, body);
    const fromResponseCache = await post(gateway, body);
    expect(await lookups(gateway, 'response')).toEqual({ hits: 1, misses: 1 });
    expect(await lookups(gateway, 'repeat_request')).toEqual({ hits: 0, misses: 2 });
    gateway.resetEmulatorCalls();
    const repeated = await post(gateway, body);
    expect(repeated.status).toBe(200);
    expect(repeated.text).toBe(fromResponseCache.text);
    expect(JSON.parse(repeated.text)).toEqual(JSON.parse(cold.text));
    expect(repeated.headers.get('content-type')).toBe(
      fromResponseCache.headers.get('content-type'),
    );
    expect(repeated.headers.get('x-request-id')).toMatch(/.+/);
    expect(gateway.emulatorCalls().total).toBe(0);
    expect(await lookups(gateway, 'response')).toEqual({ hits: 1, misses: 1 });
    expect(await lookups(gateway, 'repeat_request')).toEqual({ hits: 1, misses: 2 });

    // Other bytes, another Accept, or asking for slackCost: each its own answer.
    const spaced = await post(
      gateway,
      JSON.stringify({ query: TOPIC, variables: { id: C.general } }, null, 1),
    );
    const json = await post(gateway, body, { accept: 'application/json' });
    const costed = await post(gateway, body, { 'x-slack-cost': '1' });
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(costed.text).extensions.slackCost).toMatchObject({ responseCache: true });
    expect(JSON.parse(spaced.text)).toEqual(JSON.parse(cold.text));
    expect(await lookups(gateway, 'repeat_request')).toEqual({ hits: 1, misses: 5 });
  });

  it('answers before yoga with the headers yoga sends, and records the request', async () => {
    await start({ frontends: { corsOrigins: ['https://app.example'] } });
    const body = topicBody(C.general);
    await post(gateway, body);
    const fromResponseCache = await post(gateway, body);
    const requests = async () => {
      const text = await gateway.gateway.metrics.registry.metrics();
      const count = /http_request_duration_seconds_count\{route="\/graphql",status="200"\} (\d+)/;
      return Number(count.exec(text)?.[1] ?? 0);
    };
    const before = await requests();
    const repeated = await post(gateway, body, { 'x-request-id': 'client-chosen-1' });
    expect(await lookups(gateway, 'repeat_request')).toMatchObject({ hits: 1 });
    expect(repeated.text).toBe(fromResponseCache.text);
    const names = (headers: Headers) =>
      [...headers.keys()].filter((name) => name !== 'date' && name !== 'x-request-id').sort();
    expect(names(repeated.headers)).toEqual(names(fromResponseCache.headers));
    for (const name of names(repeated.headers)) {
      expect(repeated.headers.get(name)).toBe(fromResponseCache.headers.get(name));
    }
    expect(repeated.headers.get('vary')).toContain('Origin');
    expect(repeated.headers.get('x-request-id')).toBe('client-chosen-1');
    expect(await requests()).toBe(before + 1);
    // A body that is not the kept one: read ahead of yoga, then handed to it intact.
    const other = await post(gateway, topicBody(C.random));
    expect(other.status).toBe(200);
    expect(JSON.parse(other.text).data.conversation.topic).toBeDefined();
  });

  it('answers a body that arrives in several chunks, and hands yoga a split miss intact', async () => {
    await start();
    const body = topicBody(C.general);
    await postInParts(gateway.url, [body]);
    const fromResponseCache = await postInParts(gateway.url, [body]);
    const third = Math.floor(body.length / 3);
    const split = [body.slice(0, third), body.slice(third, 2 * third), body.slice(2 * third)];
    const repeated = await postInParts(gateway.url, split);
    expect(repeated.status).toBe(200);
    expect(repeated.text).toBe(fromResponseCache.text);
    expect(await lookups(gateway, 'repeat_request')).toMatchObject({ hits: 1 });

    const other = topicBody(C.random);
    const miss = await postInParts(gateway.url, [other.slice(0, 10), other.slice(10)]);
    expect(miss.status).toBe(200);
    expect(JSON.parse(miss.text)).toEqual(JSON.parse((await post(gateway, other)).text));
    expect(await lookups(gateway, 'repeat_request')).toMatchObject({ hits: 1 });
  });

  it('is off with SLACK_REPEAT_FAST_PATH=off, leaving repeats to the response cache', async () => {
    await start({ cache: { repeatFastPathEnabled: false } });
    const body = topicBody(C.general);
    for (let round = 0; round < 3; round += 1) await post(gateway, body);
    expect(await lookups(gateway, 'response')).toEqual({ hits: 2, misses: 1 });
    expect(await lookups(gateway, 'repeat_request')).toEqual({ hits: 0, misses: 0 });
  });

  it('never answers one token with what another token was sent', async () => {
    await start();
    const body = JSON.stringify({ query: LIST });
    for (let round = 0; round < 3; round += 1) await post(gateway, body);
    const bob = await post(gateway, body, { authorization: `Bearer ${SCENARIO_TOKENS.bob}` });
    const alice = await post(gateway, body);
    // Bob sees his private channel, Alice does not.
    expect(bob.text).toContain(C.secret);
    expect(alice.text).not.toContain(C.secret);
    expect(await lookups(gateway, 'repeat_request')).toEqual({ hits: 2, misses: 3 });
  });

  it('costs a request without a valid token no entry', async () => {
    await start();
    const body = topicBody(C.general);
    for (let round = 0; round < 3; round += 1) {
      const refused = await post(gateway, body, { authorization: 'Bearer xoxp-not-a-token' });
      expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('INVALID_AUTH');
    }
    // No token at all (and no default token): not even looked up.
    await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(await lookups(gateway, 'repeat_request')).toEqual({ hits: 0, misses: 3 });
  });

  it('stops answering once a mutation changes what the answer was built from', async () => {
    await start();
    const body = topicBody(C.general);
    for (let round = 0; round < 3; round += 1) await post(gateway, body);
    expect((await lookups(gateway, 'repeat_request')).hits).toBe(1);
    const write = await gateway.graphql(
      `mutation { setConversationTopic(input: { id: "${C.general}", topic: "Fresh" }) {
        __typename
      } }`,
    );
    expect(write.body.errors).toBeUndefined();
    const after = await post(gateway, body);
    expect(JSON.parse(after.text).data).toEqual({ conversation: { topic: { value: 'Fresh' } } });
    expect((await lookups(gateway, 'repeat_request')).hits).toBe(1);
  });

  it('stops answering once a Slack event changes what the answer was built from', async () => {
    await start({}, true);
    const body = topicBody(C.general);
    for (let round = 0; round < 3; round += 1) await post(gateway, body);
    expect((await lookups(gateway, 'repeat_request')).hits).toBe(1);
    // Someone else changes the topic in Slack; the gateway hears it as an event.
    const changed = await fetch(`${gateway.emulator.url}conversations.setTopic`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SCENARIO_TOKENS.bob}` },
      body: new URLSearchParams({ channel: C.general, topic: 'Told by an event' }),
    });
    expect(((await changed.json()) as { ok: boolean }).ok).toBe(true);
    while (true) {
      const { emitted, delivered, invisible } = gateway.emulator.eventStats();
      if (delivered >= emitted - invisible) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const after = await post(gateway, body);
    expect(JSON.parse(after.text).data).toEqual({
      conversation: { topic: { value: 'Told by an event' } },
    });
    expect((await lookups(gateway, 'repeat_request')).hits).toBe(1);
  });

  it('answers a GET of a persisted operation 304 when If-None-Match names its ETag', async () => {
    await start({
      frontends: { persistedOperationsManifest: EXAMPLE_MANIFEST, persistedOperations: 'allow' },
    });
    const url = `${gateway.url}?${new URLSearchParams({
      extensions: JSON.stringify({
        persistedQuery: { version: 1, sha256Hash: CHANNELS_WITH_MEMBERS },
      }),
      variables: JSON.stringify({ first: 2 }),
    })}`;
    const get = async (headers: Record<string, string> = {}) => {
      const response = await fetch(url, {
        headers: {
          accept: 'application/graphql-response+json',
          authorization: `Bearer ${SCENARIO_TOKENS.alice}`,
          ...headers,
        },
      });
      return { status: response.status, headers: response.headers, text: await response.text() };
    };
    const cold = await get();
    expect(cold.status).toBe(200);
    expect(cold.headers.get('etag')).toBeNull();
    const kept = await get();
    const etag = kept.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    expect(kept.headers.get('cache-control')).toContain('private');
    const repeated = await get();
    expect(repeated.headers.get('etag')).toBe(etag);
    expect(repeated.text).toBe(kept.text);

    const notModified = await get({ 'if-none-match': etag as string });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get('cache-control')).toContain('private');
    expect((await get({ 'if-none-match': '"other"' })).status).toBe(200);

    // Another token never gets a 304 from alice's entry.
    const bob = await get({
      authorization: `Bearer ${SCENARIO_TOKENS.bob}`,
      'if-none-match': etag as string,
    });
    expect(bob.status).toBe(200);

    // A rename changes the list: the old ETag no longer matches.
    const first = JSON.parse(kept.text).data.conversations.edges[0].node as { id: string };
    const rename = await gateway.graphql(
      `mutation { renameConversation(input: { id: "${first.id}", name: "renamed-by-test" }) {
        __typename
      } }`,
    );
    expect(rename.body.errors).toBeUndefined();
    const changed = await get({ 'if-none-match': etag as string });
    expect(changed.status).toBe(200);
    expect(changed.text).toContain('renamed-by-test');
    expect(await lookups(gateway, 'repeat_request')).toMatchObject({ hits: 3 });
  });

  it('runs the host, CSRF and CORS handling before it answers', async () => {
    await start({
      server: { allowedHosts: ['127.0.0.1'] },
      frontends: { corsOrigins: ['https://app.example'] },
    });
    const body = topicBody(C.general);
    for (let round = 0; round < 3; round += 1) await post(gateway, body);
    expect((await lookups(gateway, 'repeat_request')).hits).toBe(1);

    const rebound = await rawRequest(gateway.url, {
      method: 'POST',
      headers: {
        host: 'rebind.evil.example',
        'content-type': 'application/json',
        authorization: `Bearer ${SCENARIO_TOKENS.alice}`,
      },
      body,
    });
    expect(rebound.status).toBe(403);
    expect(rebound.text).toContain('HOST_NOT_ALLOWED');
    const forged = await post(gateway, body, { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('CSRF_REJECTED');
    const crossSite = await post(gateway, body, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect((await lookups(gateway, 'repeat_request')).hits).toBe(1);

    const listed = await post(gateway, body, { origin: 'https://app.example' });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(listed.headers.get('vary')).toContain('Origin');
    expect((await lookups(gateway, 'repeat_request')).hits).toBe(2);
  });
});
