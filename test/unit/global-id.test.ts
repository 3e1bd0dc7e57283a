import { describe, expect, it } from 'vitest';
import {
  decodeGlobalId,
  encodeGlobalId,
  messageRawId,
  parseMessageLocator,
} from '../../src/graphql/global-id.js';

describe('global IDs', () => {
  it.each([
    ['Conversation', 'C061FA5PB'],
    ['Conversation', 'G0AB12CD3'],
    ['Conversation', 'D0BH95DLH'],
    ['User', 'U0G9WFXNZ'],
    ['User', 'W1234567'],
    ['User', 'USLACKBOT'],
  ])('uses the Slack ID itself as the %s node ID %s', (typename, id) => {
    expect(encodeGlobalId(typename, id)).toBe(id);
    expect(decodeGlobalId(id)).toEqual({ typename, id });
  });

  it('round-trips a top-level message and a thread reply through an opaque ID', () => {
    for (const locator of [
      { channel: 'C061FA5PB', ts: '1512085950.000216' },
      { channel: 'C061FA5PB', ts: '1512085960.000300', threadTs: '1512085950.000216' },
    ]) {
      const raw = messageRawId(locator);
      const id = encodeGlobalId('Message', raw);
      expect(id).toMatch(/^msg_[A-Za-z0-9_-]+$/);
      expect(id).not.toContain(locator.channel);
      const decoded = decodeGlobalId(id);
      expect(decoded.typename).toBe('Message');
      expect(parseMessageLocator(decoded.id)).toEqual({ threadTs: undefined, ...locator });
    }
  });

  it('leaves the thread out of the ID of a thread parent', () => {
    const parent = { channel: 'C061FA5PB', ts: '1512085950.000216', threadTs: '1512085950.000216' };
    expect(messageRawId(parent)).toBe('C061FA5PB:1512085950.000216');
  });

  it.each([
    '',
    'c061fa5pb',
    'X0123',
    'Conversation:C061FA5PB',
    'msg_',
    `msg_${Buffer.from('C061FA5PB:not-a-ts').toString('base64url')}`,
    `msg_${Buffer.from('U0ALICE:1512085950.000216').toString('base64url')}`,
    `msg_${Buffer.from('C1:1.1:1.1').toString('base64url')}`,
    `msg_${Buffer.from('C061FA5PB:1512085950.000216').toString('base64url')}=`,
  ])('refuses %j as a node ID with BAD_USER_INPUT', (id) => {
    expect(() => decodeGlobalId(id)).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }),
    );
  });
});
