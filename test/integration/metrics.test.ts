import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFingerprint } from '../../src/http/context.js';
import { SlackToken } from '../../src/slack/slack-token.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const SERIES = [
  'slack_calls_total',
  'slack_call_duration_seconds',
  'slack_rate_limited_total',
  'governor_wait_seconds',
  'governor_queue_depth',
  'governor_rejected_total',
  'cache_hits_total',
  'cache_misses_total',
  'cache_inflight_shared_total',
  'cache_invalidations_total',
  'loader_batch_size',
  'graphql_operations_total',
  'graphql_operation_duration_seconds',
  'http_request_duration_seconds',
  'nodejs_heap_size_used_bytes',
];

describe('GET /metrics', () => {
  let gateway: TestGateway;
  let text: string;
  let contentType: string | null;

  beforeAll(async () => {
    gateway = await startTestGateway({
      gatewayConfig: { governor: { enabled: true }, cache: { enabled: true } },
    });
    const query = 'query Topic($id: ID!) { conversation(id: $id) { topic { value } } }';
    for (const token of Object.values(SCENARIO_TOKENS)) {
      await gateway.graphql(query, { id: SCENARIO_IDS.conversations.general }, { token });
    }
    // The default token repeats its query (a whole cached response), then asks another shape of
    // the same conversation (a cached Slack answer).
    await gateway.graphql(query, { id: SCENARIO_IDS.conversations.general });
    await gateway.graphql('query Name($id: ID!) { conversation(id: $id) { name } }', {
      id: SCENARIO_IDS.conversations.general,
    });
    await gateway.graphql('query Broken { nope }');
    const response = await fetch(new URL('/metrics', gateway.url));
    contentType = response.headers.get('content-type');
    text = await response.text();
  });
  afterAll(() => gateway.close());

  it('exposes every series in the Prometheus text format', () => {
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of SERIES) expect(text).toContain(`# TYPE ${name} `);
  });

  it('counts Slack calls, cache hits and operations by their labels', () => {
    expect(text).toMatch(/slack_calls_total\{method="conversations\.info",outcome="ok"\} \d+/);
    expect(text).toMatch(/slack_calls_total\{method="auth\.test",outcome="token_revoked"\} \d+/);
    expect(text).toMatch(/cache_hits_total\{type="conversation"\} [1-9]/);
    expect(text).toMatch(/cache_hits_total\{type="response"\} 1\n/);
    expect(text).toMatch(/loader_batch_size_count\{loader="conversations"\} [1-9]/);
    expect(text).toMatch(/graphql_operations_total\{operation="Topic",type="query",outcome="ok"\}/);
    expect(text).toMatch(
      /graphql_operations_total\{operation="Broken",type="unknown",outcome="invalid"\} 1/,
    );
    expect(text).toMatch(/http_request_duration_seconds_count\{route="\/graphql",status="200"\}/);
  });

  it('holds no token nor anything derived from one', () => {
    expect(text).not.toContain('xox');
    for (const token of Object.values(SCENARIO_TOKENS)) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(new SlackToken(token).hash.slice(0, 12));
      expect(text).not.toContain(tokenFingerprint(token));
    }
  });

  it('echoes a sane x-request-id and mints one otherwise', async () => {
    const given = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-123' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(given.headers.get('x-request-id')).toBe('req-123');
    const minted = await fetch(new URL('/healthz', gateway.url), {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is not served when METRICS_PATH is off', async () => {
    const quiet = await startTestGateway({
      gatewayConfig: { observability: { metricsPath: undefined } },
    });
    try {
      const response = await fetch(new URL('/metrics', quiet.url));
      expect(response.status).toBe(404);
    } finally {
      await quiet.close();
    }
  });
});
