import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { problemsOf } from '../helpers/config-problems.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { rawRequest } from '../helpers/raw-request.js';

/**
 * Issue 13, item 4: the cross-site check compared `Origin` with `Host`, and no list of allowed
 * hosts existed, so a page on `rebind.evil.example` (re-resolved to 127.0.0.1) was same-origin
 * with itself and could read private channels and run mutations with the default token. The
 * gateway now answers only to its own names.
 */

let gw: TestGateway;

beforeAll(async () => {
  // Bound to 127.0.0.1 with a default token, as `SLACK_TOKEN=… npm start` runs.
  gw = await startTestGateway({
    gatewayConfig: { slack: { defaultToken: SCENARIO_TOKENS.alice } },
  });
});
afterAll(() => gw.close());
beforeEach(() => gw.resetEmulatorCalls());

/** A request as the rebinding page's browser sends it: its own name as Host and Origin. */
function send(
  path: string,
  host: string,
  body?: string,
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { host, origin: `http://${host}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return rawRequest(new URL(path, gw.url).href, { method: body ? 'POST' : 'GET', headers, body });
}

const READ = JSON.stringify({
  query: '{ conversations(types: [PRIVATE_CHANNEL]) { edges { node { id name } } } }',
});
const WRITE = JSON.stringify({
  query: 'mutation { archiveConversation(input: { id: "C0PRIVATE" }) { __typename } }',
});

describe('DNS rebinding', () => {
  it('refuses a foreign Host before any work: no data, no mutation, no Slack call', async () => {
    const port = new URL(gw.url).port;
    for (const host of [
      `rebind.evil.example:${port}`,
      'rebind.evil.example',
      `127.0.0.1.evil.example:${port}`,
    ]) {
      for (const body of [READ, WRITE]) {
        const { status, text } = await send('/graphql', host, body);
        expect(status).toBe(403);
        expect(JSON.parse(text).errors[0].extensions.code).toBe('HOST_NOT_ALLOWED');
      }
      expect((await send('/graphql', host)).status).toBe(403);
    }
    expect(gw.emulatorCalls().total).toBe(0);
  });

  it('answers the loopback names, and probes on any name', async () => {
    const port = new URL(gw.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      const { status, text } = await send('/graphql', host, READ);
      expect(status).toBe(200);
      expect(JSON.parse(text).errors).toBeUndefined();
    }
    expect((await send('/healthz', 'rebind.evil.example')).status).toBe(200);
  });
});

describe('ALLOWED_HOSTS', () => {
  it('defaults to the loopback names on a loopback address', () => {
    expect(parseConfig({ SLACK_TOKEN: 'xoxb-1' }).server.allowedHosts).toEqual([
      'localhost',
      '127.0.0.1',
      '[::1]',
    ]);
  });

  it('is required on another address with a default token', () => {
    expect(problemsOf({ HOST: '0.0.0.0', SLACK_TOKEN: 'xoxb-1' }).join('\n')).toMatch(
      /ALLOWED_HOSTS is required/,
    );
    expect(
      parseConfig({
        HOST: '0.0.0.0',
        SLACK_TOKEN: 'xoxb-1',
        ALLOWED_HOSTS: 'GW.example.com, 10.0.0.5',
      }).server.allowedHosts,
    ).toEqual(['gw.example.com', '10.0.0.5']);
  });

  it('allows any host with * or without a default token on another address', () => {
    expect(
      parseConfig({ HOST: '0.0.0.0', SLACK_TOKEN: 'x', ALLOWED_HOSTS: '*' }).server.allowedHosts,
    ).toBe(undefined);
    expect(
      parseConfig({ HOST: '0.0.0.0', SLACK_API_URL: 'http://127.0.0.1:1/api/' }).server
        .allowedHosts,
    ).toBe(undefined);
  });

  it('refuses entries with a port or a scheme', () => {
    expect(problemsOf({ ALLOWED_HOSTS: 'gw.example.com:443' }).join('\n')).toMatch(/ALLOWED_HOSTS/);
    expect(problemsOf({ ALLOWED_HOSTS: 'https://gw.example.com' }).join('\n')).toMatch(
      /ALLOWED_HOSTS/,
    );
  });
});
