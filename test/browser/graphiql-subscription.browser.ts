import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOKENS } from '../../src/emulator/state/demo-workspace.js';
import { slackCall } from '../helpers/emulator.js';
import { type Browser, launchChromium } from './chromium.js';
import { type DemoGateway, startDemoGateway } from './demo-gateway.js';

const GENERAL = 'C01GENERAL0';
const SUBSCRIPTION = `subscription { messageAdded(conversationId: "${GENERAL}") { text } }`;

/** Where a developer can look at the last run (not committed). */
const SCREENSHOT = '/tmp/graphiql-subscription.png';

describe('a subscription in GraphiQL (Chromium, demo mode)', () => {
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
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  });
});
