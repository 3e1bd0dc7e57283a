import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CORS_ORIGINS, parseConfig } from '../../src/config.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const APP = 'http://localhost:5173';
const OTHER_APP = 'https://admin.example.com';
const STRANGER = 'https://evil.example';

/** A browser's preflight for a JSON POST carrying a token. */
function preflight(gw: TestGateway, origin: string): Promise<Response> {
  return fetch(gw.url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
      'sec-fetch-mode': 'cors',
      'sec-fetch-site': 'cross-site',
    },
  });
}

function corsHeaders(response: Response): Record<string, string | null> {
  return {
    allowOrigin: response.headers.get('access-control-allow-origin'),
    allowCredentials: response.headers.get('access-control-allow-credentials'),
    allowHeaders: response.headers.get('access-control-allow-headers'),
    allowMethods: response.headers.get('access-control-allow-methods'),
  };
}

describe('CORS with an allow-list', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({
      gatewayConfig: { frontends: { corsOrigins: [APP, OTHER_APP] } },
    });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('answers a listed origin’s preflight with its origin, credentials and Authorization', async () => {
    for (const origin of [APP, OTHER_APP]) {
      const response = await preflight(gw, origin);
      await response.arrayBuffer();
      expect(response.status).toBe(204);
      const headers = corsHeaders(response);
      expect(headers.allowOrigin).toBe(origin);
      expect(headers.allowCredentials).toBe('true');
      expect(headers.allowHeaders?.split(/,\s*/)).toEqual(
        expect.arrayContaining(['authorization', 'content-type']),
      );
      expect(headers.allowMethods?.split(/,\s*/)).toContain('POST');
      expect(response.headers.get('access-control-max-age')).toBe('600');
      expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
    }
  });

  it('gives an unlisted origin’s preflight no CORS header at all, so its browser stops', async () => {
    for (const origin of [STRANGER, 'null', 'http://localhost:5174']) {
      const response = await preflight(gw, origin);
      await response.arrayBuffer();
      expect(corsHeaders(response)).toEqual({
        allowOrigin: null,
        allowCredentials: null,
        allowHeaders: null,
        allowMethods: null,
      });
    }
  });

  it('lets a listed origin read the answer of a request carrying its token', async () => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: {
        origin: APP,
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'cors',
        'content-type': 'application/json',
        authorization: `Bearer ${SCENARIO_TOKENS.bob}`,
      },
      body: JSON.stringify({ query: '{ viewer { user { id } } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(await response.json()).toEqual({
      data: { viewer: { user: { id: SCENARIO_IDS.users.bob } } },
    });
  });

  it('refuses an unlisted origin’s request before calling Slack, and allows it no read', async () => {
    gw.resetEmulatorCalls();
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: {
        origin: STRANGER,
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'cors',
        'content-type': 'application/json',
        authorization: `Bearer ${SCENARIO_TOKENS.bob}`,
      },
      body: JSON.stringify({ query: '{ viewer { user { id } } }' }),
    });
    await response.arrayBuffer();
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(gw.emulatorCalls().total).toBe(0);
  });
});

describe('CORS defaults', () => {
  it('allows the usual local dev servers in demo mode only (fake data, no real token)', () => {
    expect(parseConfig({}).frontends.corsOrigins).toEqual(DEMO_CORS_ORIGINS);
    expect(DEMO_CORS_ORIGINS).toContain('http://localhost:5173');
    expect(parseConfig({ SLACK_TOKEN: 'xoxb-1' }).frontends.corsOrigins).toEqual([]);
    expect(parseConfig({ SLACK_API_URL: 'http://127.0.0.1:9/api/' }).frontends.corsOrigins).toEqual(
      [],
    );
  });

  it('lets CORS_ORIGINS replace the demo defaults', () => {
    expect(parseConfig({ CORS_ORIGINS: 'https://app.example.com' }).frontends.corsOrigins).toEqual([
      'https://app.example.com',
    ]);
  });

  it('keeps CORS off by default with a real backend: no header for any origin', async () => {
    const gw = await startTestGateway();
    try {
      const response = await preflight(gw, APP);
      await response.arrayBuffer();
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await gw.close();
    }
  });
});
