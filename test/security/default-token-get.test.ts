import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/** Issue 13, item 8: GET operations on the default token, and a token for /metrics. */

const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789';
const QUERY = encodeURIComponent('{ viewer { user { id } } }');

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    gatewayConfig: {
      slack: { defaultToken: SCENARIO_TOKENS.alice },
      observability: { metricsToken: METRICS_TOKEN },
    },
  });
});
afterAll(() => gw.close());

const get = (path: string, headers: Record<string, string>): Promise<Response> =>
  fetch(new URL(path, gw.url), { headers });

describe('a GET operation with the default token', () => {
  it('is refused without Sec-Fetch-Site (an old browser running a foreign <img>)', async () => {
    gw.resetEmulatorCalls();
    for (const accept of ['image/*', '*/*', 'application/json']) {
      const response = await get(`/graphql?query=${QUERY}`, { accept });
      expect(response.status).toBe(403);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('CSRF_REJECTED');
    }
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('runs when the browser proves it is same-origin, or with its own Authorization', async () => {
    const variants: Record<string, string>[] = [
      { accept: 'application/json', 'sec-fetch-site': 'same-origin' },
      { accept: 'application/json', 'sec-fetch-site': 'none' },
      { accept: 'application/json', authorization: `Bearer ${SCENARIO_TOKENS.bob}` },
    ];
    for (const headers of variants) {
      const response = await get(`/graphql?query=${QUERY}`, headers);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data?: unknown };
      expect(body.data).toBeDefined();
    }
  });

  it('still opens GraphiQL, which runs nothing', async () => {
    gw.resetEmulatorCalls();
    const response = await get(`/graphql?query=${QUERY}`, { accept: 'text/html' });
    expect(response.status).toBe(200);
    await response.body?.cancel();
    expect(gw.emulatorCalls().total).toBe(0);
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  it('answers 401 without the token or with another, and the metrics with it', async () => {
    expect((await get('/metrics', {})).status).toBe(401);
    expect(
      (await get('/metrics', { authorization: `Bearer ${SCENARIO_TOKENS.alice}` })).status,
    ).toBe(401);
    const response = await get('/metrics', { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^# (HELP|TYPE) /m);
  });
});
