import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { startGatewayProcess } from '../helpers/gateway-process.js';

/** What a new user trips over in a fresh-clone walkthrough, each answered where it happens. */

let gw: TestGateway;
beforeAll(async () => {
  // As in demo mode: a default token, so a header without "Bearer" must not be blamed on it.
  gw = await startTestGateway({
    gatewayConfig: { slack: { defaultToken: SCENARIO_TOKENS.alice } },
  });
});
afterAll(async () => {
  await gw.close();
});

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('a new user', () => {
  it('is told to add "Bearer", not to set SLACK_TOKEN, for an Authorization header without it', async () => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: SCENARIO_TOKENS.alice },
      body: JSON.stringify({ query: '{ viewer { user { id } } }' }),
    });
    const body = (await response.json()) as {
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    const [error] = body.errors ?? [];
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error?.message).toContain('put "Bearer " before the Slack token');
    expect(error?.message).not.toContain('SLACK_TOKEN');
    expect(error?.message).not.toContain(SCENARIO_TOKENS.alice);
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('is sent from GET / to GraphiQL', async () => {
    const root = new URL('/', gw.url);
    const response = await fetch(root, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphql');
    const followed = await fetch(root, { headers: { accept: 'text/html' } });
    expect(followed.status).toBe(200);
    expect(await followed.text()).toContain('GraphiQL');
  });

  it('is warned at start, with the URL, when SLACK_API_URL points at a closed port', async () => {
    const slackApiUrl = `http://127.0.0.1:${await closedPort()}/api/`;
    const gateway = await startGatewayProcess({
      PORT: '0',
      LOG_LEVEL: 'silent',
      SLACK_API_URL: slackApiUrl,
    });
    try {
      const output = gateway.output();
      expect(output).toContain(`warning: the Slack backend at ${slackApiUrl} is not answering`);
      expect(output.indexOf('warning:')).toBeLessThan(output.indexOf('gateway ready'));
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer xoxp-anything' },
        body: JSON.stringify({ query: '{ viewer { user { id } } }' }),
      });
      const body = (await response.json()) as {
        errors?: { message: string; extensions?: Record<string, unknown> }[];
      };
      expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(body.errors?.[0]?.message).toContain('check SLACK_API_URL');
    } finally {
      await gateway.stop();
    }
  }, 120_000);

  it('gets one warn line naming the URL and the cause, no stack, when Slack never answers', async () => {
    const slackApiUrl = `http://127.0.0.1:${await closedPort()}/api/`;
    const token = 'xoxp-walkthrough-token-never-logged';
    const gateway = await startGatewayProcess({
      PORT: '0',
      LOG_LEVEL: 'debug',
      SLACK_API_URL: slackApiUrl,
    });
    try {
      const messages: string[] = [];
      for (const query of [
        '{ viewer { user { id } } }',
        '{ conversations(first: 2) { edges { node { id } } } }',
        '{ conversation(id: "C01GENERAL0") { name } }',
      ]) {
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as {
          errors?: { message: string; extensions?: Record<string, unknown> }[];
        };
        expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
        messages.push(body.errors?.[0]?.message ?? '');
      }
      // The client's error names the backend and why, never the token.
      expect(messages[0]).toContain(`no answer from ${slackApiUrl} (ECONNREFUSED)`);
      for (const message of messages) {
        expect(message).toContain(slackApiUrl);
        expect(message).not.toContain(token);
      }
      const { code } = await gateway.stop('SIGTERM');
      expect(code).toBe(0);

      const lines = gateway.logLines();
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      expect(gateway.output()).not.toContain('"stack"');
      expect(gateway.output()).not.toContain(token);
      // One line for the three requests (and their retries): the URL's window is quiet after it.
      expect(lines.filter((line) => line.level === 40)).toEqual([
        expect.objectContaining({
          msg: `No answer from the Slack backend at ${slackApiUrl} (auth.test: ECONNREFUSED); check SLACK_API_URL`,
          slack: { method: 'auth.test', backendUrl: slackApiUrl, reason: 'ECONNREFUSED' },
        }),
      ]);
    } finally {
      await gateway.stop();
    }
  }, 120_000);
});
