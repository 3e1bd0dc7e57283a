import type { Target } from './load.js';

/** The GraphQL answer, parsed. */
export interface GraphQLAnswer {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * A load target posting one GraphQL operation as JSON. A success is HTTP 200 with `data` and no
 * `errors` (checked on the raw text, so the load generator does not pay for parsing big answers).
 */
export function graphqlTarget(
  url: string,
  /** The operation, or the operation of request `index` (e.g. many distinct documents). */
  query: string | ((index: number) => string),
  variables: Record<string, unknown> | ((index: number) => Record<string, unknown>) = {},
  /** More headers of request `index` (e.g. its token). */
  headers?: (index: number) => Record<string, string>,
): Target {
  const { origin, pathname } = new URL(url);
  const json = { 'content-type': 'application/json', accept: 'application/json' };
  return {
    origin,
    path: pathname,
    method: 'POST',
    headers: headers === undefined ? json : (index) => ({ ...json, ...headers(index) }),
    body:
      typeof variables === 'function' || typeof query === 'function'
        ? (index) =>
            JSON.stringify({
              query: typeof query === 'function' ? query(index) : query,
              variables: typeof variables === 'function' ? variables(index) : variables,
            })
        : JSON.stringify({ query, variables }),
    check: (status, body) =>
      status === 200 && body.startsWith('{"data"') && !body.includes('"errors"'),
  };
}

/** Posts one operation and parses the answer. */
export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLAnswer;
}
