/**
 * Tools for the fixture-conformance test: pull the JSON examples out of Slack's reference pages
 * (where they sit in prose, sometimes with `// ...` elisions), and check that every field of an
 * example appears in real answers with the same JSON type, recursively.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Every top-level JSON object in `text` that starts at the beginning of a line. `// ...` comment
 * lines and the trailing commas they leave behind are removed before parsing.
 */
export function extractJsonBlocks(text: string): Json[] {
  const blocks: Json[] = [];
  let start = -1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"' && depth > 0) {
      inString = true;
    } else if (char === '{' && (depth > 0 || i === 0 || text[i - 1] === '\n')) {
      if (depth === 0) start = i;
      depth += 1;
    } else if (char === '}' && depth > 0) {
      depth -= 1;
      if (depth === 0) blocks.push(parseLenient(text.slice(start, i + 1)));
    }
  }
  return blocks;
}

function parseLenient(block: string): Json {
  const withoutComments = block
    .split('\n')
    .filter((line) => !/^\s*\/\//.test(line))
    .join('\n');
  return JSON.parse(withoutComments.replace(/,(\s*[\]}])/g, '$1')) as Json;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return jsonType(value) === 'object';
}

/**
 * What kind of Slack object a value is, so an example IM is compared with the emulator's IMs and
 * an example huddle message with its huddle messages, not with the union of everything.
 * `undefined` when the object says too little to tell (such as `{"id": "C1"}`).
 */
export function kindOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'message') return `message:${String(value.subtype ?? 'plain')}`;
  if (value.is_im === true) return 'im';
  if (value.is_mpim === true) return 'mpim';
  if ('is_channel' in value || 'is_group' in value) {
    return value.is_private === true ? 'private_channel' : 'public_channel';
  }
  return undefined;
}

/**
 * Checks `example` against a pool of actual values found at the same place: each key of an
 * example object must exist in at least one actual object of the same kind, with the same JSON
 * type, and so on recursively (array elements against the pooled elements of the actual arrays).
 * @returns one line per missing field or type mismatch, with its path
 */
export function shapeMismatches(
  example: unknown,
  actuals: readonly unknown[],
  path: string,
): string[] {
  const expected = jsonType(example);
  const sameType = actuals.filter((actual) => jsonType(actual) === expected);
  if (sameType.length === 0) {
    const seen = [...new Set(actuals.map(jsonType))].join('|') || 'nothing';
    return [`${path}: expected ${expected}, the emulator gives ${seen}`];
  }
  if (Array.isArray(example)) {
    const pooled = sameType.flatMap((actual) => actual as unknown[]);
    return example.flatMap((element, index) =>
      shapeMismatches(element, pooled, `${path}[${index}]`),
    );
  }
  if (!isRecord(example)) return [];
  const kind = kindOf(example);
  const records = sameType.filter((actual) => kind === undefined || kindOf(actual) === kind);
  if (records.length === 0) return [`${path}: the emulator gives no ${kind}`];
  return Object.entries(example).flatMap(([key, value]) => {
    const withKey = records.flatMap((record) =>
      isRecord(record) && key in record ? [record[key]] : [],
    );
    if (withKey.length === 0) return [`${path}.${key}: missing`];
    return shapeMismatches(value, withKey, `${path}.${key}`);
  });
}
