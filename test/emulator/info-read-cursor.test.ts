import { LogLevel, WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { slackCall, useTestEmulator } from '../helpers/emulator.js';

/**
 * conversations.info shows a member the read cursor (`last_read`) of every conversation type:
 * unread badges and MCP servers read channel read state exactly there (seed 004: "the last
 * message the calling user has read in this channel"). Unread counts and `latest` stay on IMs,
 * as in Slack's examples.
 */

const C = SCENARIO_IDS.conversations;
const emulator = useTestEmulator();

const MEMBER_CONVERSATIONS = [
  { kind: 'public channel', id: C.random, read: '1700000110.000100', im: false },
  { kind: 'private channel', id: C.private, read: '1700000130.000100', im: false },
  { kind: 'MPIM', id: C.mpim, read: '1700001000.000100', im: false },
  { kind: 'IM', id: C.im, read: '1700000810.000100', im: true },
] as const;

/** Alice's read cursor after WebClient marks, then after raw HTTP marks: distinct values. */
const RAW_READ = '1600000000.000001';

function web(token: string = SCENARIO_TOKENS.alice): WebClient {
  return new WebClient(token, { slackApiUrl: emulator.url, logLevel: LogLevel.ERROR });
}

/** A call over raw HTTP, as the SDKs send it: a form body and `Authorization: Bearer`. */
async function raw(method: string, args: Record<string, string>): Promise<Record<string, unknown>> {
  const { body } = await slackCall(emulator.url, method, args, { token: SCENARIO_TOKENS.alice });
  expect(body.ok, JSON.stringify(body)).toBe(true);
  return body;
}

describe('conversations.info read cursor', () => {
  it.each(MEMBER_CONVERSATIONS)(
    'shows a member of a $kind the last_read that conversations.mark set (WebClient)',
    async ({ id, read }) => {
      const client = web();
      await client.conversations.mark({ channel: id, ts: read });
      const { channel } = await client.conversations.info({ channel: id });
      expect(channel).toMatchObject({ id, last_read: read });
    },
  );

  it.each(MEMBER_CONVERSATIONS)(
    'shows a member of a $kind the last_read that conversations.mark set (raw HTTP)',
    async ({ id, im }) => {
      await raw('conversations.mark', { channel: id, ts: RAW_READ });
      const { channel } = (await raw('conversations.info', { channel: id })) as {
        channel: Record<string, unknown>;
      };
      expect(channel).toMatchObject({ id, last_read: RAW_READ });
      for (const field of ['unread_count', 'unread_count_display', 'latest']) {
        if (im) expect(channel).toHaveProperty(field);
        else expect(channel).not.toHaveProperty(field);
      }
    },
  );

  it('shows no read cursor to a caller who is not a member', async () => {
    const { channel } = await web().conversations.info({ channel: C.extra[3] });
    expect(channel).toMatchObject({ id: C.extra[3], is_member: false });
    expect(channel).not.toHaveProperty('last_read');
  });
});
