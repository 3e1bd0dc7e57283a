import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOKENS } from '../../src/emulator/state/demo-workspace.js';
import { slackCall } from '../helpers/emulator.js';
import { type Browser, launchChromium } from './chromium.js';
import { type DemoGateway, startDemoGateway } from './demo-gateway.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

const GENERAL = 'C01GENERAL0';
const SUBSCRIPTION = `subscription { messageAdded(conversationId: "${GENERAL}") { text } }`;
/** Where a developer can look at the last subscription run (not committed). */
const SUBSCRIPTION_SCREENSHOT = '/tmp/graphiql-subscription.png';

describe('GraphiQL in Chromium', () => {
  let gateway: DemoGateway;
  let browser: Browser;

  beforeAll(async () => {
    gateway = await startDemoGateway();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  it('renders offline, runs the default query with the pre-filled demo token and shows the result', async () => {
    const page = await browser.context.newPage();
    const outside: string[] = [];
    // Every network request stays on the gateway's origin (blob: and data: URLs are local).
    page.on('request', (request) => {
      const url = new URL(request.url());
      const network = url.protocol === 'http:' || url.protocol === 'https:';
      if (network && url.origin !== new URL(gateway.url).origin) outside.push(request.url());
    });
    const authorizations: Array<string | undefined> = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') authorizations.push(request.headers().authorization);
    });
    await page.goto(gateway.url);
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.graphiql-response');
    await expect
      .poll(async () => (await result.textContent()) ?? '', { timeout: 30_000 })
      .toContain('C01GENERAL0');
    // GraphiQL fills the window and the page never scrolls into blank space below it.
    const scrolled = await page.evaluate(() => {
      window.scrollTo(0, 500);
      return { scrollY: window.scrollY, innerHeight: window.innerHeight };
    });
    expect(scrolled.scrollY).toBe(0);
    const box = await page.locator('.graphiql-container').first().boundingBox();
    expect(box?.height).toBeGreaterThan(scrolled.innerHeight * 0.9);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}graphiql.png`, fullPage: true });
    // The result editor renders only its visible lines: the top of the answer.
    const text = (await result.textContent()) ?? '';
    expect(text).toMatch(/^\s*\{\s*"data":\s*\{\s*"conversations"/);
    expect(text).not.toContain('"errors"');

    const tabs = await page.locator('.graphiql-tab').count();
    expect(tabs).toBe(3);
    const stored = await page.evaluate(() =>
      Object.keys(localStorage).map((key) => `${key}=${localStorage.getItem(key)}`),
    );
    // The run carried the pre-filled demo token, which the browser's storage never holds.
    expect(authorizations.at(-1)).toBe(`Bearer ${DEMO_TOKENS.user}`);
    expect(stored.join('\n')).not.toContain(DEMO_TOKENS.user);
    expect(stored.join('\n')).toContain('"headers":null');
    expect(outside).toEqual([]);
    await page.close();
  });

  it('shows a message posted elsewhere in the result panel, as it happens', async () => {
    const page = await browser.context.newPage();
    const streams: string[] = [];
    page.on('response', (response) => {
      if (response.headers()['content-type']?.startsWith('text/event-stream')) {
        streams.push(response.url());
      }
    });
    await page.goto(`${gateway.url}?query=${encodeURIComponent(SUBSCRIPTION)}`);
    const editor = page.locator('.graphiql-query-editor');
    await expect.poll(async () => (await editor.textContent()) ?? '').toContain('messageAdded');
    await page.locator('.graphiql-execute-button').click();
    // GraphiQL subscribes over GraphQL over SSE; the response starts once the gateway has
    // accepted the subscription.
    await expect.poll(() => streams.length, { timeout: 30_000 }).toBeGreaterThan(0);

    // Bob posts through the emulator, not through the gateway. The stream may still be joining
    // the live bus when the first post lands, so post again until one shows up.
    const result = page.locator('.graphiql-response');
    // The editor renders spaces as no-break spaces.
    const resultText = async () => ((await result.textContent()) ?? '').replace(/\s/g, ' ');
    const text = 'Hello from Bob, live in GraphiQL';
    await expect
      .poll(
        async () => {
          const shown = await resultText();
          if (!shown.includes(text)) {
            const posted = await slackCall(
              gateway.emulatorUrl,
              'chat.postMessage',
              { channel: GENERAL, text },
              { token: DEMO_TOKENS.secondUser },
            );
            expect(posted.body).toMatchObject({ ok: true });
          }
          return shown;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain(text);
    const shown = await resultText();
    expect(shown).toMatch(
      /"data": *\{ *"messageAdded": *\{ *"text": "Hello from Bob, live in GraphiQL"/,
    );
    expect(shown).not.toContain('"errors"');
    await page.screenshot({ path: SUBSCRIPTION_SCREENSHOT, fullPage: true });
    await page.close();
  });
});
