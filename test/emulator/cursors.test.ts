import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CursorKind,
  decodeCursor,
  decodeTsCursor,
  encodeCursor,
  encodeTsCursor,
} from '../../src/emulator/protocol/cursors.js';
import { SlackApiError } from '../../src/emulator/protocol/slack-api-error.js';

const KINDS: CursorKind[] = ['team', 'im_id', 'next_ts', 'user'];

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof SlackApiError ? error.code : `threw ${String(error)}`;
  }
}

describe('cursor codec', () => {
  it('mints the cursors Slack’s own examples show', () => {
    expect(encodeCursor('team', 'C061FA5PB')).toBe('dGVhbTpDMDYxRkE1UEI=');
    expect(encodeCursor('user', 'U0G9WFXNZ')).toBe('dXNlcjpVMEc5V0ZYTlo=');
    expect(encodeCursor('im_id', 'D0BH95DLH')).toBe('aW1faWQ6RDBCSDk1RExI');
    expect(encodeTsCursor('1512085861.000543')).toBe('bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz');
  });

  it('decodes Slack’s example cursors', () => {
    expect(decodeCursor('dGVhbTpDMDYxRkE1UEI=', ['team'])).toEqual({
      kind: 'team',
      value: 'C061FA5PB',
    });
    expect(decodeTsCursor('bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz')).toBe('1512085861.000543');
  });

  it('round-trips any kind and value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.string({ minLength: 1 }), (kind, value) => {
        expect(decodeCursor(encodeCursor(kind, value), [kind])).toEqual({ kind, value });
      }),
    );
  });

  it('round-trips message timestamps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999_999_999 }),
        fc.integer({ min: 0, max: 999_999 }),
        (s, f) => {
          const ts = `${String(s).padStart(10, '0')}.${String(f).padStart(6, '0')}`;
          expect(decodeTsCursor(encodeTsCursor(ts))).toBe(ts);
        },
      ),
    );
  });

  it('rejects cursors of another kind, empty values and non-canonical base64', () => {
    expect(codeOf(() => decodeCursor(encodeCursor('user', 'U1'), ['team', 'im_id']))).toBe(
      'invalid_cursor',
    );
    expect(codeOf(() => decodeCursor(Buffer.from('team:').toString('base64'), ['team']))).toBe(
      'invalid_cursor',
    );
    expect(codeOf(() => decodeCursor('dGVhbTpDMDYxRkE1UEI', ['team']))).toBe('invalid_cursor');
    expect(codeOf(() => decodeTsCursor(encodeCursor('next_ts', '12345')))).toBe('invalid_cursor');
  });

  it('answers invalid_cursor, never another error, for any string', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const code = codeOf(() => decodeCursor(text, KINDS));
        expect(code === undefined || code === 'invalid_cursor').toBe(true);
        const tsCode = codeOf(() => decodeTsCursor(text));
        expect(tsCode === undefined || tsCode === 'invalid_cursor').toBe(true);
      }),
    );
  });
});
