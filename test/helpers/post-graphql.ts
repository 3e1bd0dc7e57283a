import { SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';

/**
 * POSTs a raw GraphQL-over-HTTP request body as alice, asking for `accept`, and returns the
 * untouched response: for tests of content negotiation and wire formats that `gw.graphql` hides.
 */
export function postAsAlice(url: string, body: object, accept: string): Promise<Response> {
  return postTextAsAlice(url, JSON.stringify(body), { accept });
}

/**
 * POSTs `body` byte for byte as alice (JSON, asking for `application/graphql-response+json`);
 * `headers` add to or replace those.
 */
export function postTextAsAlice(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${SCENARIO_TOKENS.alice}`,
      ...headers,
    },
    body,
  });
}
