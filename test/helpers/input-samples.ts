import fc from 'fast-check';

/** Characters around every channel-name rule: allowed, upper case, separators, other scripts, marks, emoji. */
const NAME_UNITS = [
  'a',
  'z',
  '0',
  '9',
  '-',
  '_',
  'A',
  'Z',
  ' ',
  '.',
  '#',
  '@',
  'é',
  'É',
  'ß',
  '日',
  'ü',
  '\u0301',
  '😀',
  '\t',
  'Ω',
  'ω',
  'ǅ',
  '٣',
  '𝑎',
] as const;

/** Random channel names: short mixes of NAME_UNITS, names around the 80-character limit, any graphemes. */
export const channelNames = fc.oneof(
  fc.string({ unit: fc.constantFrom(...NAME_UNITS), maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('a', 'b', '-', '_', '1', '𝑎'), minLength: 75, maxLength: 85 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
