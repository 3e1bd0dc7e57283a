import { describe, expect, it } from 'vitest';
import { resolveToken, tokenFingerprint } from '../../src/http/context.js';

describe('resolveToken', () => {
  it('uses the default token when there is no Authorization header', () => {
    expect(resolveToken(null, 'xoxb-default')).toBe('xoxb-default');
    expect(resolveToken(null, undefined)).toBeUndefined();
  });

  it('reads a Bearer token, whatever the scheme’s case', () => {
    expect(resolveToken('Bearer xoxp-1', 'xoxb-default')).toBe('xoxp-1');
    expect(resolveToken('bearer   xoxp-2 ', undefined)).toBe('xoxp-2');
  });

  it('yields no token for a header that is not Bearer <token>', () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'Bearer a b', 'xoxp-1', '']) {
      expect(resolveToken(header, 'xoxb-default')).toBeUndefined();
    }
  });
});

describe('tokenFingerprint', () => {
  it('is anonymous without a token', () => {
    expect(tokenFingerprint(undefined)).toBe('anonymous');
  });

  it('is stable, distinct per token and does not contain the token', () => {
    const first = tokenFingerprint('xoxp-secret-1');
    expect(tokenFingerprint('xoxp-secret-1')).toBe(first);
    expect(tokenFingerprint('xoxp-secret-2')).not.toBe(first);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
  });
});
