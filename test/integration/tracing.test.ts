import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFingerprint } from '../../src/http/context.js';
import { SlackToken } from '../../src/slack/slack-token.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { type GraphQLBody, startTestGateway, type TestGateway } from '../helpers/gateway.js';
import {
  type OtlpReceiver,
  type ReceivedSpan,
  startOtlpReceiver,
} from '../helpers/otlp-receiver.js';
import { postAsAlice } from '../helpers/post-graphql.js';

const C = SCENARIO_IDS.conversations;
const SERVER = 2;
const CLIENT = 3;
const STATUS_ERROR = 2;

const TOPIC = 'query Topic($id: ID!) { conversation(id: $id) { topic { value } } }';
const NAME = 'query Name($id: ID!) { conversation(id: $id) { name } }';
const DASHBOARD = `
  query Dashboard($id: ID!) {
    conversations(first: 5) { edges { node { id name topic { value creator { name } } } } }
    conversation(id: $id) { id name members(first: 3) { edges { node { id name } } } }
  }
`;
const SECRET = 'query Secret($id: ID!) { conversation(id: $id) { name } }';
const BROKEN = 'query Broken { nope }';
const NO_TOKEN = 'query NoToken($id: ID!) { conversation(id: $id) { name } }';
const DEFERRED = `
  query Deferred($id: ID!) {
    conversation(id: $id) {
      id
      ... @defer { members(first: 10) { edges { node { id name } } } }
      ... @defer { messages(first: 3) { edges { node { ts } } } }
    }
  }
`;

/** Starts a receiver and a gateway exporting to it; `gatewayConfig` is merged over tracing on. */
async function startTraced(
  gatewayConfig: Parameters<typeof startTestGateway>[0] = {},
): Promise<{ receiver: OtlpReceiver; gateway: TestGateway }> {
  const receiver = await startOtlpReceiver();
  const gateway = await startTestGateway({
    ...gatewayConfig,
    gatewayConfig: {
      tracing: { enabled: true, endpoint: receiver.url },
      ...gatewayConfig.gatewayConfig,
    },
  });
  return { receiver, gateway };
}

/** Runs one operation and returns its body and the Slack calls the emulator saw for it. */
async function run(
  gateway: TestGateway,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ body: GraphQLBody; slackCalls: number }> {
  gateway.resetEmulatorCalls();
  const { body } = await gateway.graphql(query, variables);
  return { body, slackCalls: gateway.emulatorCalls().total };
}

function operationSpan(spans: ReceivedSpan[], name: string): ReceivedSpan {
  const found = spans.filter((span) => span.kind === SERVER && span.name === name);
  expect(found).toHaveLength(1);
  return found[0] as ReceivedSpan;
}

/** Every span below `parent`, at any depth. */
function descendantsOf(spans: ReceivedSpan[], parent: ReceivedSpan): ReceivedSpan[] {
  return childrenOf(spans, parent).flatMap((child) => [child, ...descendantsOf(spans, child)]);
}

function childrenOf(spans: ReceivedSpan[], parent: ReceivedSpan): ReceivedSpan[] {
  return spans.filter(
    (span) => span.traceId === parent.traceId && span.parentSpanId === parent.spanId,
  );
}

describe('tracing on, exporting OTLP/HTTP JSON to a local receiver', () => {
  let receiver: OtlpReceiver;
  let spans: ReceivedSpan[];
  const calls: Record<string, number> = {};
  let secretBody: GraphQLBody;
  let noTokenBody: GraphQLBody;
  const parentTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const parentSpanId = '00f067aa0ba902b7';

  beforeAll(async () => {
    const started = await startTraced();
    receiver = started.receiver;
    const { gateway } = started;
    calls.topic = (await run(gateway, TOPIC, { id: C.general })).slackCalls;
    calls.dashboard = (await run(gateway, DASHBOARD, { id: C.general })).slackCalls;
    const secret = await run(gateway, SECRET, { id: C.secret });
    calls.secret = secret.slackCalls;
    secretBody = secret.body;
    calls.broken = (await run(gateway, BROKEN)).slackCalls;
    ({ body: noTokenBody } = await gateway.graphql(NO_TOKEN, { id: C.general }, { token: null }));
    await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${SCENARIO_TOKENS.alice}`,
        traceparent: `00-${parentTraceId}-${parentSpanId}-01`,
      },
      body: JSON.stringify({ query: NAME, variables: { id: C.random } }),
    });
    // Closing flushes the spans still batched.
    await gateway.close();
    spans = receiver.spans();
  });
  afterAll(() => receiver.close());

  it('exports one SERVER span per operation, named and attributed per the GraphQL conventions', () => {
    const topic = operationSpan(spans, 'query Topic');
    expect(topic.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'Topic',
    });
    expect(topic.status.code).not.toBe(STATUS_ERROR);
    expect(topic.parentSpanId).toBe('');
    expect(topic.resource['service.name']).toBe('slack-conversations-graphql');
    expect(topic.scope).toBe('slack-conversations-graphql');
    for (const name of [
      'query Dashboard',
      'query Secret',
      'query Broken',
      'query Name',
      'query NoToken',
    ]) {
      operationSpan(spans, name);
    }
    expect(spans.filter((span) => span.kind === SERVER)).toHaveLength(6);
  });

  it('makes each Slack call a CLIENT child span of its operation, as many as the emulator saw', () => {
    for (const [name, key] of [
      ['query Topic', 'topic'],
      ['query Dashboard', 'dashboard'],
      ['query Secret', 'secret'],
    ] as const) {
      const children = childrenOf(spans, operationSpan(spans, name));
      expect(calls[key]).toBeGreaterThan(0);
      expect(children).toHaveLength(calls[key] as number);
      for (const child of children) {
        expect(child.kind).toBe(CLIENT);
        expect(child.name).toBe(child.attributes['slack.method']);
        expect(child.attributes['server.address']).toBe('127.0.0.1');
        expect(child.attributes['slack.attempts']).toBe(1);
      }
    }
    const dashboard = childrenOf(spans, operationSpan(spans, 'query Dashboard'));
    expect(new Set(dashboard.map((span) => span.name)).size).toBeGreaterThan(1);
    // Every Slack span belongs to an operation.
    const clients = spans.filter((span) => span.kind === CLIENT);
    const operations = new Set(spans.filter((s) => s.kind === SERVER).map((s) => s.spanId));
    for (const span of clients) expect(operations.has(span.parentSpanId)).toBe(true);
  });

  it('records a failed operation with status ERROR and its error code', () => {
    const code = secretBody.errors?.[0]?.extensions?.code;
    expect(code).toBe('CHANNEL_NOT_FOUND');
    const secret = operationSpan(spans, 'query Secret');
    expect(secret.status).toEqual({ code: STATUS_ERROR, message: code });
    expect(secret.attributes['error.type']).toBe(code);
    expect(secret.events).toContainEqual({
      name: 'graphql.error',
      attributes: { 'graphql.error.code': code, 'graphql.error.path': 'conversation' },
    });
    const failedCall = childrenOf(spans, secret).find(
      (span) => span.attributes['slack.method'] === 'conversations.info',
    );
    expect(failedCall?.attributes).toMatchObject({
      'slack.ok': false,
      'slack.error': 'channel_not_found',
      'error.type': 'channel_not_found',
    });
    expect(failedCall?.status).toEqual({ code: STATUS_ERROR, message: 'channel_not_found' });
  });

  it('records an invalid operation as an error with no Slack call', () => {
    expect(calls.broken).toBe(0);
    const broken = operationSpan(spans, 'query Broken');
    expect(broken.status.code).toBe(STATUS_ERROR);
    expect(broken.attributes['error.type']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(childrenOf(spans, broken)).toHaveLength(0);
  });

  it('records an operation refused for want of a token as an error', () => {
    const code = noTokenBody.errors?.[0]?.extensions?.code;
    expect(typeof code).toBe('string');
    const noToken = operationSpan(spans, 'query NoToken');
    expect(noToken.status).toEqual({ code: STATUS_ERROR, message: code });
    expect(childrenOf(spans, noToken)).toHaveLength(0);
  });

  it("continues the caller's trace from its traceparent header", () => {
    const named = operationSpan(spans, 'query Name');
    expect(named.traceId).toBe(parentTraceId);
    expect(named.parentSpanId).toBe(parentSpanId);
    expect(childrenOf(spans, named).length).toBeGreaterThan(0);
  });

  it('sends no token nor anything derived from one', () => {
    const raw = receiver.rawBodies().join('\n');
    expect(raw).not.toContain('xox');
    for (const token of Object.values(SCENARIO_TOKENS)) {
      expect(raw).not.toContain(token);
      expect(raw).not.toContain(new SlackToken(token).hash.slice(0, 12));
      expect(raw).not.toContain(tokenFingerprint(token));
    }
  });
});

describe('tracing with the caches on', () => {
  let receiver: OtlpReceiver;
  let spans: ReceivedSpan[];
  const calls: number[] = [];

  beforeAll(async () => {
    const started = await startTraced({
      gatewayConfig: { governor: { enabled: true }, cache: { enabled: true } },
    });
    receiver = started.receiver;
    const { gateway } = started;
    // A cold query, the same one again (a cached response), another shape of the same
    // conversation (a cached Slack answer).
    for (const query of [TOPIC, TOPIC, NAME]) {
      calls.push((await run(gateway, query, { id: C.general })).slackCalls);
    }
    await gateway.close();
    spans = receiver.spans();
  });
  afterAll(() => receiver.close());

  it('shows cache answers as events on the operation span, not as Slack call spans', () => {
    const topics = spans.filter((span) => span.kind === SERVER && span.name === 'query Topic');
    expect(topics).toHaveLength(2);
    const [cold, cached] = topics as [ReceivedSpan, ReceivedSpan];
    // The governor's auth.test (finding the token's workspace) is a child of the call it paced.
    const coldCalls = descendantsOf(spans, cold);
    expect(coldCalls).toHaveLength(calls[0] as number);
    expect(coldCalls.map((span) => span.name)).toContain('auth.test');
    expect(calls[1]).toBe(0);
    expect(childrenOf(spans, cached)).toHaveLength(0);
    expect(cached.events).toContainEqual({
      name: 'cache.hit',
      attributes: { 'cache.type': 'response', 'cache.result': 'hit' },
    });
    const name = operationSpan(spans, 'query Name');
    expect(descendantsOf(spans, name)).toHaveLength(calls[2] as number);
    expect(name.events).toContainEqual({
      name: 'cache.hit',
      attributes: { 'cache.type': 'conversation', 'cache.result': 'hit' },
    });
  });
});

describe('tracing an operation with @defer', () => {
  let receiver: OtlpReceiver;
  let spans: ReceivedSpan[];
  let slackCalls: number;
  let parts: string;

  beforeAll(async () => {
    // Slack answers take a while, so the deferred parts really come after the first one.
    const started = await startTraced({ emulatorConfig: { latencyMs: 20 } });
    receiver = started.receiver;
    const body = { query: DEFERRED, variables: { id: C.general } };
    parts = await (await postAsAlice(started.gateway.url, body, 'multipart/mixed')).text();
    slackCalls = started.gateway.emulatorCalls().total;
    await started.gateway.close();
    spans = receiver.spans();
  });
  afterAll(() => receiver.close());

  it('keeps the operation span open until the last part, over every Slack call', () => {
    expect(parts).toContain('"hasNext":false');
    const deferred = operationSpan(spans, 'query Deferred');
    const children = childrenOf(spans, deferred);
    expect(children).toHaveLength(slackCalls);
    expect(children.map((span) => span.name)).toEqual(
      expect.arrayContaining(['conversations.members', 'conversations.history']),
    );
    // The SDK stamps a span's start with Date.now(): span times agree to the millisecond only.
    const slack = 1_000_000n;
    for (const child of children) expect(child.end <= deferred.end + slack).toBe(true);
    expect(deferred.status.code).not.toBe(STATUS_ERROR);
  });
});

describe('tracing a rate-limited Slack call', () => {
  let receiver: OtlpReceiver;
  let spans: ReceivedSpan[];
  let slackCalls: number;

  beforeAll(async () => {
    const started = await startTraced({
      emulatorConfig: { faults: [{ method: 'conversations.info', kind: 'ratelimited', rate: 1 }] },
      gatewayConfig: { slack: { maxRetries: 1 } },
    });
    receiver = started.receiver;
    ({ slackCalls } = await run(started.gateway, NAME, { id: C.general }));
    await started.gateway.close();
    spans = receiver.spans();
  });
  afterAll(() => receiver.close());

  it('counts every HTTP attempt and each 429 on the one call span', () => {
    const [info, ...others] = childrenOf(spans, operationSpan(spans, 'query Name')).filter(
      (span) => span.name === 'conversations.info',
    );
    expect(others).toHaveLength(0);
    expect(info?.attributes).toMatchObject({
      'slack.attempts': 2,
      'slack.ok': false,
      'slack.error': 'rate_limited',
      'slack.retry_after': 1,
      'http.response.status_code': 429,
    });
    expect(info?.events.filter((event) => event.name === 'slack.rate_limited')).toEqual([
      { name: 'slack.rate_limited', attributes: { 'slack.retry_after': '1' } },
      { name: 'slack.rate_limited', attributes: { 'slack.retry_after': '1' } },
    ]);
    const attempts = spans
      .filter((span) => span.kind === CLIENT)
      .reduce((sum, span) => sum + Number(span.attributes['slack.attempts']), 0);
    expect(attempts).toBe(slackCalls);
  });
});

describe('tracing a request refused before execution', () => {
  it('ends the operation span with the refusal code', async () => {
    const manifest = fileURLToPath(
      new URL('../../examples/gql/persisted-documents.json', import.meta.url),
    );
    const { receiver, gateway } = await startTraced({
      gatewayConfig: {
        frontends: { persistedOperations: 'only', persistedOperationsManifest: manifest },
      },
    });
    try {
      const { body } = await run(gateway, TOPIC, { id: C.general });
      const code = body.errors?.[0]?.extensions?.code;
      expect(code).toBe('PERSISTED_QUERY_ONLY');
      await gateway.close();
      const [refused, ...others] = receiver.spans();
      expect(others).toHaveLength(0);
      expect(refused?.kind).toBe(SERVER);
      expect(refused?.status).toEqual({ code: STATUS_ERROR, message: code });
      expect(refused?.attributes['error.type']).toBe(code);
    } finally {
      await receiver.close();
    }
  });
});

describe('tracing off', () => {
  it('registers nothing and sends nothing, even with an endpoint configured', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const gateway = await startTestGateway({
        gatewayConfig: { tracing: { enabled: false, endpoint: receiver.url } },
      });
      const { body } = await run(gateway, TOPIC, { id: C.general });
      expect(body.errors).toBeUndefined();
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', traceparent },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBe(200);
      await gateway.close();
      expect(receiver.requests()).toBe(0);
    } finally {
      await receiver.close();
    }
  });
});
