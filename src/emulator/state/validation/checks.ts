/**
 * Small building blocks for validating a workspace file that arrived as untyped JSON. Every
 * check reports into a shared `Problems` list instead of throwing, so one load reports every
 * mistake in the file at once (as a config loader should).
 */

export type JsonObject = Record<string, unknown>;

/** Collects problems, each prefixed with where it was found (`conversations[3] (C0XYZ)`). */
export class Problems {
  readonly list: string[] = [];

  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }
}

/** Slack ID shapes, from the OpenAPI patterns in shared/slack-api/REFERENCE.md §2.1. */
export const ID_PATTERNS = {
  team: /^T[A-Z0-9]{2,}$/,
  enterprise: /^E[A-Z0-9]{8,}$/,
  user: /^[UW][A-Z0-9]{2,}$/,
  bot: /^B[A-Z0-9]{8,}$/,
  app: /^A[A-Z0-9]{8,}$/,
  conversation: /^[CGD][A-Z0-9]{8,}$/,
} as const;

/** A message timestamp: 10-digit seconds, a dot, a 6-digit sequence (REFERENCE §2.2). */
export const TS_PATTERN = /^\d{10}\.\d{6}$/;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Where an array entry is, naming its `id` when it has a readable one. */
export function entryLabel(collection: string, index: number, entry: unknown): string {
  const id = isObject(entry) ? entry.id : undefined;
  return typeof id === 'string' ? `${collection}[${index}] (${id})` : `${collection}[${index}]`;
}

/** Checks the type of each optional field listed, where present. */
export function checkOptionalFields(
  problems: Problems,
  where: string,
  entry: JsonObject,
  fields: { boolean?: readonly string[]; integer?: readonly string[]; string?: readonly string[] },
): void {
  for (const key of fields.boolean ?? []) {
    if (key in entry && typeof entry[key] !== 'boolean') {
      problems.add(where, `${key} must be a boolean`);
    }
  }
  for (const key of fields.integer ?? []) {
    if (key in entry && !isNonNegativeInteger(entry[key])) {
      problems.add(where, `${key} must be a non-negative integer`);
    }
  }
  for (const key of fields.string ?? []) {
    if (key in entry && typeof entry[key] !== 'string') {
      problems.add(where, `${key} must be a string`);
    }
  }
}

/** Checks a required string field against a pattern; returns the value when it is a string. */
export function checkId(
  problems: Problems,
  where: string,
  entry: JsonObject,
  key: string,
  pattern: RegExp,
): string | undefined {
  const value = entry[key];
  if (typeof value !== 'string') {
    problems.add(where, `${key} must be a string`);
    return undefined;
  }
  if (!pattern.test(value)) problems.add(where, `${key} "${value}" does not match ${pattern}`);
  return value;
}

/** Reports every value that occurs more than once, once per duplicate (`reveal: false` for secrets). */
export function checkUnique(
  problems: Problems,
  where: (index: number) => string,
  values: readonly (string | undefined)[],
  what: string,
  reveal = true,
): void {
  const seen = new Map<string, number>();
  values.forEach((value, index) => {
    if (value === undefined) return;
    const first = seen.get(value);
    const shown = reveal ? `${what} "${value}"` : what;
    if (first === undefined) seen.set(value, index);
    else problems.add(where(index), `${shown} is already used by entry ${first}`);
  });
}
