/**
 * What the gateway needs from the `ok: true` answer of each read method before its loaders touch
 * it. A body that lacks it (a proxy's stub, a truncated or changed API) is unreadable, like a
 * body that is not JSON: the client reports it as UPSTREAM_UNAVAILABLE instead of letting a
 * resolver crash on `undefined` or answer an empty list as if it were the truth.
 * @see https://docs.slack.dev/reference/methods/conversations.info
 */
type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const withString =
  (key: string): Check =>
  (value) =>
    isObject(value) && typeof value[key] === 'string';
const listOf =
  (item: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(item);

const conversation = withString('id');
const message = withString('ts');
const user: Check = (value) =>
  withString('id')(value) && isObject((value as Record<string, unknown>).profile);

/** Per read method: the fields its answer must have, and their shape. */
const REQUIRED: Readonly<Record<string, Readonly<Record<string, Check>>>> = {
  'conversations.info': { channel: conversation },
  'conversations.list': { channels: listOf(conversation) },
  'users.conversations': { channels: listOf(conversation) },
  'conversations.members': { members: listOf((value) => typeof value === 'string') },
  'conversations.history': { messages: listOf(message) },
  'conversations.replies': { messages: listOf(message) },
  'users.info': { user },
  'users.list': { members: listOf(user) },
  'team.info': { team: withString('id') },
  'auth.test': {
    user_id: (value) => typeof value === 'string',
    team_id: (value) => typeof value === 'string',
  },
};

/** Why an `ok: true` answer of `method` is unusable, or `undefined` when it is fine. */
export function responseShapeProblem(
  method: string,
  body: Readonly<Record<string, unknown>>,
): string | undefined {
  const required = REQUIRED[method];
  if (!required) return undefined;
  for (const [field, check] of Object.entries(required)) {
    if (!check(body[field])) return `the answer lacks a valid \`${field}\``;
  }
  return undefined;
}
