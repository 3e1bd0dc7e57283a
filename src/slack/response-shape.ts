import { type AnswerField, type AnswerValue, readFacts } from './methods.js';

/**
 * What the gateway needs from the `ok: true` answer of each read method before its loaders touch
 * it (`answer` in src/slack/methods.ts). A body that lacks it (a proxy's stub, a truncated or
 * changed API) is unreadable, like a body that is not JSON: the client reports it as
 * UPSTREAM_UNAVAILABLE instead of letting a resolver crash on `undefined` or answer an empty list
 * as if it were the truth.
 * @see https://docs.slack.dev/reference/methods/conversations.info
 */
type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const withString =
  (key: string): Check =>
  (value) =>
    isObject(value) && typeof value[key] === 'string';

const VALUE_CHECKS: Readonly<Record<AnswerValue, Check>> = {
  string: (value) => typeof value === 'string',
  conversation: withString('id'),
  message: withString('ts'),
  user: (value) => withString('id')(value) && isObject((value as Record<string, unknown>).profile),
  team: withString('id'),
};

function checkOf(field: AnswerField): Check {
  if (!field.endsWith('[]')) return VALUE_CHECKS[field as AnswerValue];
  const item = VALUE_CHECKS[field.slice(0, -2) as AnswerValue];
  return (value) => Array.isArray(value) && value.every(item);
}

/** Why an `ok: true` answer of `method` is unusable, or `undefined` when it is fine. */
export function responseShapeProblem(
  method: string,
  body: Readonly<Record<string, unknown>>,
): string | undefined {
  const required = readFacts(method)?.answer ?? {};
  for (const [field, shape] of Object.entries(required)) {
    if (!checkOf(shape)(body[field])) return `the answer lacks a valid \`${field}\``;
  }
  return undefined;
}
