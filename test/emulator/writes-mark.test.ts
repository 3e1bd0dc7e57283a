import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presentConversation } from '../../src/emulator/methods/present-conversation.js';
import type { WorkspaceMessage } from '../../src/emulator/state/workspace-file.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { writeHarness } from '../helpers/call-method.js';

const { alice } = SCENARIO_IDS.users;
const C = SCENARIO_IDS.conversations;
const T = SCENARIO_TOKENS;

describe('conversations.mark', () => {
  it('moves the caller’s read cursor, which the member state then reflects', () => {
    const h = writeHarness();
    expect(
      h.call('conversations.mark', T.alice, { channel: C.im, ts: '1700000810.000100' }),
    ).toEqual({ ok: true });
    const stored = h.conversation(C.im);
    expect(stored.lastRead.get(alice)).toBe('1700000810.000100');
    const caller = {
      token: h.state.tokens.get(T.alice) ?? { token: '', user_id: '', scopes: [] },
      userId: alice,
      isBot: false,
      scopes: new Set<string>(),
    };
    const view = presentConversation(h.state, stored, caller, {
      isMember: true,
      numMembers: false,
      locale: false,
      memberState: 'full',
      minimalIm: false,
    });
    expect(view).toMatchObject({ last_read: '1700000810.000100', unread_count: 1 });
  });

  it('accepts short forms of ts and stores the canonical one, backwards moves included', () => {
    const h = writeHarness();
    h.call('conversations.mark', T.alice, { channel: C.random, ts: '1700000120.000100' });
    h.call('conversations.mark', T.alice, { channel: C.random, ts: '1700000110.5' });
    expect(h.conversation(C.random).lastRead.get(alice)).toBe('1700000110.500000');
    h.call('conversations.mark', T.alice, { channel: C.random, ts: '1700000000' });
    expect(h.conversation(C.random).lastRead.get(alice)).toBe('1700000000.000000');
  });

  it('answers the documented errors in order', () => {
    const h = writeHarness();
    const mark = (token: string, channel: string, ts?: string) =>
      h.call('conversations.mark', token, { channel, ts });
    expect(mark(T.alice, C.secret, '1.0').error).toBe('channel_not_found');
    expect(mark(T.readOnly, C.random, '1.0').error).toBe('missing_scope');
    expect(mark(T.alice, C.random)).toEqual({
      ok: false,
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] missing required field: ts'] },
    });
    expect(mark(T.alice, C.random, 'yesterday').error).toBe('invalid_timestamp');
    expect(mark(T.alice, C.random, '1.1234567').error).toBe('invalid_timestamp');
    expect(mark(T.bob, C.extra[0], '1.0').error).toBe('not_in_channel');
  });

  it('gives the unread counts and latest message of a naive count over any history', () => {
    const messageArb = fc.record({
      second: fc.integer({ min: 0, max: 50 }),
      reply: fc.boolean(),
      system: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(messageArb, { selector: (message) => message.second, maxLength: 30 }),
        fc.integer({ min: 0, max: 51 }),
        (specs, readSecond) => {
          const h = writeHarness();
          const ts = (second: number) => `${1_600_000_000 + second}.000000`;
          const sorted = [...specs].sort((a, b) => a.second - b.second);
          const [root] = sorted;
          const messages: WorkspaceMessage[] = sorted.map((spec) => ({
            type: 'message',
            ts: ts(spec.second),
            user: alice,
            text: 'x',
            ...(spec.system ? { subtype: 'channel_join' } : {}),
            ...(spec.reply && root && spec !== root ? { thread_ts: ts(root.second) } : {}),
          }));
          const stored = h.conversation(C.im);
          stored.messages = messages;
          const lastRead = ts(readSecond);
          h.call('conversations.mark', T.alice, { channel: C.im, ts: lastRead });
          const topLevel = messages.filter(
            (m) => m.thread_ts === undefined || m.thread_ts === m.ts,
          );
          const unread = topLevel.filter((m) => m.ts > lastRead);
          const { channel } = h.call('conversations.info', T.alice, { channel: C.im });
          expect(channel).toMatchObject({
            last_read: lastRead,
            latest: topLevel.at(-1) ?? null,
            unread_count: unread.length,
            unread_count_display: unread.filter((m) => m.subtype === undefined).length,
          });
        },
      ),
    );
  });
});
