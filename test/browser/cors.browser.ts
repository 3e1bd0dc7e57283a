import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { type Browser, launchChromium } from './chromium.js';

/** A page server on another localhost origin: serves one empty HTML page. */
async function startPageServer(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>frontend</title><p>frontend</p>');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  // `localhost`, while the gateway listens as 127.0.0.1: another origin, as a dev server is.
  return { origin: `http://localhost:${port}`, server };
}

/** What the page's fetch got: the JSON body, or the error the browser raised. */
type Outcome = { status: number; body: unknown } | { error: string };

describe('a frontend on another localhost origin, in Chromium', () => {
  let listed: { origin: string; server: Server };
  let unlisted: { origin: string; server: Server };
  let gw: TestGateway;
  let browser: Browser;

  beforeAll(async () => {
    listed = await startPageServer();
    unlisted = await startPageServer();
    gw = await startTestGateway({ gatewayConfig: { frontends: { corsOrigins: [listed.origin] } } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    listed?.server.close();
    unlisted?.server.close();
  });

  async function fetchFrom(origin: string): Promise<Outcome> {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${origin}/`);
      return await page.evaluate(
        async ({ url, token }): Promise<Outcome> => {
          try {
            const response = await fetch(url, {
              method: 'POST',
              credentials: 'include',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ query: '{ viewer { user { id } } }' }),
            });
            return { status: response.status, body: await response.json() };
          } catch (error) {
            return { error: String(error) };
          }
        },
        { url: gw.url, token: SCENARIO_TOKENS.bob },
      );
    } finally {
      await page.close();
    }
  }

  it('lets a listed origin call the gateway with its token and read the answer', async () => {
    expect(await fetchFrom(listed.origin)).toEqual({
      status: 200,
      body: { data: { viewer: { user: { id: SCENARIO_IDS.users.bob } } } },
    });
  });

  it('makes the browser block an unlisted origin, with no Slack call made', async () => {
    gw.resetEmulatorCalls();
    const outcome = await fetchFrom(unlisted.origin);
    expect(outcome).toEqual({ error: expect.stringMatching(/TypeError: Failed to fetch/) });
    expect(gw.emulatorCalls().total).toBe(0);
  });
});
