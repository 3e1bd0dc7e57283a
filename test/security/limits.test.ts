import { request as httpRequest } from 'node:http';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { type GraphQLBody, startTestGateway, type TestGateway } from '../helpers/gateway.js';

const C = SCENARIO_IDS.conversations;

let gw: TestGateway;

beforeAll(async () => {
  // The cache would hide Slack calls from the emulator's counters. The refused bodies leave
  // their connections half-read; a short grace ends them at close.
  gw = await startTestGateway({
    gatewayConfig: { server: { shutdownGraceMs: 200 }, cache: { enabled: false } },
  });
});
afterAll(() => gw.close());
beforeEach(() => gw.resetEmulatorCalls());

function codes(body: GraphQLBody): unknown[] {
  return (body.errors ?? []).map((error) => error.extensions?.code);
}

/** A selection `levels` fields deep below a conversation: latest { conversation { latest … } } */
function nested(levels: number, onConversation = true): string {
  if (levels === 1) return '__typename';
  const field = onConversation ? 'latest' : 'conversation';
  return `${field} { ${nested(levels - 1, !onConversation)} }`;
}

describe('operation shape limits', () => {
  it('refuses an operation nested deeper than 12 levels without calling Slack', async () => {
    const deep = `{ conversation(id: "${C.general}") { ${nested(12)} } }`;
    const { body } = await gw.graphql(deep);
    expect(codes(body)).toEqual(['QUERY_TOO_DEEP']);
    expect(body.errors?.[0]?.extensions).toMatchObject({ limit: 12, actual: 13 });
    expect(body.data).toBeUndefined();
    expect(gw.emulatorCalls().total).toBe(0);

    const atLimit = `{ conversation(id: "${C.general}") { ${nested(11)} } }`;
    const allowed = await gw.graphql(atLimit);
    expect(allowed.body.errors).toBeUndefined();
  });

  it('refuses more than 15 aliases', async () => {
    const aliases = (count: number) =>
      `{ ${Array.from({ length: count }, (_, index) => `a${index}: __typename`).join(' ')} }`;
    expect(codes((await gw.graphql(aliases(16))).body)).toEqual(['TOO_MANY_ALIASES']);
    expect((await gw.graphql(aliases(15))).body.errors).toBeUndefined();
  });

  it('refuses more than 50 directives', async () => {
    const directives = (count: number) =>
      `{ ${Array.from({ length: count }, (_, index) => `f${index % 15}: __typename @include(if: true)`).join(' ')} }`;
    const { body } = await gw.graphql(
      `{ __typename ${Array.from({ length: 51 }, () => '... @include(if: true) { __typename }').join(' ')} }`,
    );
    expect(codes(body)).toEqual(['TOO_MANY_DIRECTIVES']);
    expect((await gw.graphql(directives(15))).body.errors).toBeUndefined();
  });

  it('refuses a document of more than 1000 tokens while parsing it', async () => {
    const { body } = await gw.graphql(`{ ${'__typename '.repeat(1_000)} }`);
    expect(codes(body)).toEqual(['TOO_MANY_TOKENS']);
    expect(body.errors?.[0]?.extensions).toMatchObject({ limit: 1_000 });
  });

  it('answers 400 to clients that accept application/graphql-response+json', async () => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        authorization: `Bearer ${SCENARIO_TOKENS.alice}`,
      },
      body: JSON.stringify({ query: `{ ${'__typename '.repeat(1_001)} }` }),
    });
    expect(response.status).toBe(400);
  });

  it('still serves the full introspection query and the GraphiQL page', async () => {
    const { body } = await gw.graphql<{ __schema: { types: unknown[] } }>(getIntrospectionQuery());
    expect(body.errors).toBeUndefined();
    expect(body.data?.__schema.types.length).toBeGreaterThan(10);
    const page = await fetch(gw.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    expect(gw.emulatorCalls().total).toBe(0);
  });
});

describe('the Slack-call budget', () => {
  const nestedMembers = `query($outer: Int, $inner: Int) {
    conversations(first: $outer) { edges { node { members(first: $inner) { edges { node { name } } } } } }
  }`;

  it('refuses an operation whose estimate exceeds the budget, naming both, before any call', async () => {
    const { body } = await gw.graphql(nestedMembers, { outer: 100, inner: 100 });
    expect(codes(body)).toEqual(['SLACK_CALL_BUDGET_EXCEEDED']);
    const error = body.errors?.[0];
    expect(error?.extensions).toMatchObject({ estimate: 1 + 100 * (1 + 100), budget: 1_000 });
    expect(error?.message).toContain('10101');
    expect(error?.message).toContain('1000');
    expect(body.data).toBeUndefined();
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('runs the same operation when variables make it affordable', async () => {
    const { body } = await gw.graphql(nestedMembers, { outer: 3, inner: 2 });
    expect(body.errors).toBeUndefined();
    expect(gw.emulatorCalls().total).toBeGreaterThan(0);
  });

  it('counts aliases: many cheap copies add up past the budget', async () => {
    const copies = Array.from(
      { length: 11 },
      (_, index) => `c${index}: conversations(first: 100) { edges { node { numMembers } } }`,
    ).join(' ');
    const { body } = await gw.graphql(`{ ${copies} }`);
    expect(codes(body)).toEqual(['SLACK_CALL_BUDGET_EXCEEDED']);
    expect(body.errors?.[0]?.extensions).toMatchObject({ estimate: 11 * 101 });
  });

  it('stops issuing Slack calls once a request has used its budget', async () => {
    const tight = await startTestGateway({
      gatewayConfig: { cache: { enabled: false }, limits: { slackCallBudget: 3 } },
    });
    try {
      // Estimated at one lookup per user (3), but unknown users cost more: the batch first scans
      // users.list, then asks users.info for each ID it did not find there.
      const { body } = await tight.graphql(
        '{ a: user(id: "U0NOBODY1") { name } b: user(id: "U0NOBODY2") { name } c: user(id: "U0NOBODY3") { name } }',
      );
      expect(codes(body)).toContain('SLACK_CALL_BUDGET_EXCEEDED');
      const error = body.errors?.find(
        (item) => item.extensions?.code === 'SLACK_CALL_BUDGET_EXCEEDED',
      );
      expect(error?.extensions).toMatchObject({ budget: 3 });
      expect(tight.emulatorCalls().total).toBe(3);
    } finally {
      await tight.close();
    }
  });
});

describe('browser requests (CSRF)', () => {
  const query = JSON.stringify({ query: `{ conversation(id: "${C.general}") { id } }` });
  const post = (headers: Record<string, string>) =>
    fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: query,
    });

  it('refuses a POST from a foreign origin without calling Slack', async () => {
    const response = await post({ origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    const body = (await response.json()) as GraphQLBody;
    expect(codes(body)).toEqual(['CSRF_REJECTED']);
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('refuses an opaque (null) origin and cross-site fetch metadata', async () => {
    expect((await post({ origin: 'null' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' })).status).toBe(
      403,
    );
    const image = await fetch(
      `${gw.url}?query=${encodeURIComponent('{ viewer { user { id } } }')}`,
      {
        headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', accept: 'image/*' },
      },
    );
    expect(image.status).toBe(403);
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('refuses a cross-site form POST even as a navigation', async () => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'navigate',
      },
      body: `query=${encodeURIComponent('{ __typename }')}`,
    });
    expect([403, 415]).toContain(response.status);
  });

  it('serves same-origin requests, link navigations to GraphiQL and non-browser clients', async () => {
    const origin = new URL(gw.url).origin;
    expect((await post({ origin, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await post({})).status).toBe(200);
    const page = await fetch(gw.url, {
      headers: {
        accept: 'text/html',
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'navigate',
      },
    });
    expect(page.status).toBe(200);
  });

  it('serves origins listed in CORS_ORIGINS', async () => {
    const cors = await startTestGateway({
      gatewayConfig: { frontends: { corsOrigins: ['https://app.example'] } },
    });
    try {
      const response = await fetch(cors.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'https://app.example',
          'sec-fetch-site': 'cross-site',
          authorization: `Bearer ${SCENARIO_TOKENS.alice}`,
        },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    } finally {
      await cors.close();
    }
  });
});

describe('request bodies', () => {
  it('refuses a body over the limit by its Content-Length with 413', async () => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(110_000) } }),
    });
    expect(response.status).toBe(413);
    expect(codes((await response.json()) as GraphQLBody)).toEqual(['REQUEST_ENTITY_TOO_LARGE']);
  });

  it('refuses a chunked body once it grows past the limit', async () => {
    const { status, text } = await new Promise<{ status: number; text: string }>(
      (resolve, reject) => {
        const req = httpRequest(gw.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        });
        req.on('response', (response) => {
          let data = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            data += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: data }));
        });
        req.on('error', reject);
        req.write('{"query":"{ __typename }","variables":{"pad":"');
        for (let chunk = 0; chunk < 12; chunk++) req.write('y'.repeat(10_000));
        req.end('"}}');
      },
    );
    expect(status).toBe(413);
    expect(text).toContain('REQUEST_ENTITY_TOO_LARGE');
  });

  it('refuses batched requests: batching is off', async () => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
    expect(codes((await response.json()) as GraphQLBody)).toEqual(['BAD_REQUEST']);
  });
});

describe('probes', () => {
  it('answers /readyz and /healthz without calling Slack', async () => {
    const origin = new URL(gw.url).origin;
    expect((await fetch(`${origin}/readyz`)).status).toBe(200);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    expect(gw.emulatorCalls().total).toBe(0);
  });
});
