import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeForm } from '../../src/slack/form.js';

describe('encodeForm', () => {
  it('sends booleans as true/false and numbers in decimal', () => {
    expect(encodeForm({ exclude_archived: true, include_locale: false, limit: 200 })).toBe(
      'exclude_archived=true&include_locale=false&limit=200',
    );
  });

  it('drops undefined arguments', () => {
    expect(encodeForm({ channel: 'C1', cursor: undefined })).toBe('channel=C1');
  });

  it('percent-encodes reserved characters', () => {
    expect(encodeForm({ topic: 'a&b=c d/é', types: 'public_channel,im' })).toBe(
      'topic=a%26b%3Dc+d%2F%C3%A9&types=public_channel%2Cim',
    );
  });

  it('encodes an empty string as an empty value', () => {
    expect(encodeForm({ topic: '' })).toBe('topic=');
  });

  it('rejects numbers Slack cannot read', () => {
    expect(() => encodeForm({ limit: Number.NaN })).toThrow(TypeError);
    expect(() => encodeForm({ limit: Number.POSITIVE_INFINITY })).toThrow(/limit/);
  });

  it('round-trips any string arguments through URLSearchParams', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (args) => {
        const decoded = Object.fromEntries(new URLSearchParams(encodeForm(args)));
        expect(decoded).toEqual(args);
      }),
    );
  });
});
