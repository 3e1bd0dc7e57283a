import { SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';

/**
 * POSTs a raw GraphQL-over-HTTP request body as alice, asking for `accept`, and returns the
 * untouched response: for tests of content negotiation and wire formats that `gw.graphql` hides.
 */
export function postAsAlice(url: string, body: object, accept: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept,
      authorization: `Bearer ${SCENARIO_TOKENS.alice}`,
    },
    body: JSON.stringify(body),
  });
}
