import { Pool } from 'undici';

/**
 * What the warm-up sends. V8 compiles a function the first time it runs, so the first query
 * after start used to pay for compiling most of the request path (Node's HTTP server, yoga and
 * its plugins, graphql-js's parser, validation and executor, our resolvers and loaders, undici's
 * client): many times the steady-state latency (issue 16). These operations run that path
 * through the real HTTP stack on loopback without a single Slack call: they carry an
 * `Authorization` header that is not `Bearer <token>`, so they have no token (not even the default
 * one) and every Slack call they would make is refused before it leaves the gateway
 * (src/loaders/slack-caller.ts). `__typename` needs no data; the reads go as far as the loaders
 * and end in UNAUTHENTICATED errors. No Slack budget is spent and, with no token, no cache is
 * keyed or filled.
 */
export const WARM_UP_OPERATIONS: readonly string[] = [
  'query GatewayWarmUp { __typename }',
  `query GatewayWarmUpReads {
  conversations(first: 2) { edges { cursor node { id name topic { value } creator { name } } } pageInfo { hasNextPage endCursor } }
  conversation(id: "C0WARMUP0") { id name numMembers
    members(first: 2) { edges { node { id name } } }
    messages(first: 2) { edges { node { ts text user { name } } } } }
  viewer { user { name } conversations(first: 2) { edges { node { name } } } }
}`,
];

/** Not `Bearer <token>`: the request has no token. */
const NO_TOKEN = 'warm-up';

/** How many times each operation runs: the second run meets what the first one compiled. */
const ROUNDS = 2;

/**
 * Sends the warm-up operations to the gateway at `graphqlUrl` (its own loopback address) and
 * resolves with the HTTP statuses, in order. Transport failures reject: a gateway that cannot
 * answer itself is not ready.
 */
export async function warmUp(graphqlUrl: string): Promise<number[]> {
  const url = new URL(graphqlUrl);
  // undici, as the Slack client uses it: its HTTP/1.1 client is compiled here too.
  const pool = new Pool(url.origin, { connections: 1 });
  const statuses: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const query of WARM_UP_OPERATIONS) {
        const response = await pool.request({
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            authorization: NO_TOKEN,
          },
          body: JSON.stringify({ query }),
        });
        // The body is read (and parsed) as a client would; errors are the expected outcome.
        await response.body.json();
        statuses.push(response.statusCode);
      }
    }
  } finally {
    await pool.close();
  }
  return statuses;
}
