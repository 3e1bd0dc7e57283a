import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCursorSealer } from '../../src/graphql/cursor-seal.js';

const sealer = createCursorSealer(randomBytes(32));
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('sealed cursors', () => {
  it('open to their payload only with the binding they were sealed for', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (payload, binding, other) => {
        const cursor = sealer.seal(payload, binding);
        expect(sealer.open(cursor, binding)).toBe(payload);
        if (other !== binding) expect(sealer.open(cursor, other)).toBeUndefined();
      }),
    );
  });

  it('refuse any single-character change, even one that decodes to the same bytes', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.nat(),
        fc.constantFrom(...ALPHABET, '.', '='),
        (payload, at, replacement) => {
          const cursor = sealer.seal(payload, 'binding');
          const position = at % cursor.length;
          const tampered = `${cursor.slice(0, position)}${replacement}${cursor.slice(position + 1)}`;
          fc.pre(tampered !== cursor);
          expect(sealer.open(tampered, 'binding')).toBeUndefined();
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('refuse padding, appended characters and other sealers’ cursors', () => {
    const cursor = sealer.seal('payload', 'binding');
    expect(sealer.open(`${cursor}=`, 'binding')).toBeUndefined();
    expect(sealer.open(`${cursor}A`, 'binding')).toBeUndefined();
    expect(sealer.open(`${cursor}.`, 'binding')).toBeUndefined();
    expect(createCursorSealer(randomBytes(32)).open(cursor, 'binding')).toBeUndefined();
  });
});
