import { Pool } from 'undici';

/**
 * What the warm-up sends. V8 compiles a function the first time it runs, so the first query
 * after start used to pay for compiling most of the request path (Node's HTTP server, yoga and
 * its plugins, graphql-js's parser, validation and executor, our resolvers and loaders, undici's
 * client): many times the steady-state latency (issue 16).
 *
 * Without a warm-up token (a real Slack backend) the operations carry an `Authorization` header
 * that is not `Bearer <token>`, so they have no token (not even the default one) and every Slack
 * call they would make is refused before it leaves the gateway (src/loaders/slack-caller.ts):
 * `__typename` needs no data, the reads go as far as the loaders and end in UNAUTHENTICATED
 * errors. No Slack budget is spent and no cache is keyed or filled.
 *
 * With a warm-up token (the embedded demo, where Slack is the emulator in this process) the reads
 * succeed, so the success path is compiled too: Slack's answers parsed and shaped, connections
 * and nested resolvers, the first connections of the Slack client's pool and, in the same
 * process, the emulator's own handlers.
 */
const READS = `query GatewayWarmUpReads($id: ID!) {
  conversations(first: 2) { edges { cursor node { id name topic { value } creator { name } } } pageInfo { hasNextPage endCursor } }
  conversation(id: $id) { id name numMembers purpose { value }
    members(first: 2) { edges { node { id name realName } } }
    messages(first: 2) { edges { node { ts text user { name } replyCount } } pageInfo { hasNextPage endCursor } } }
  viewer { user { name } conversations(first: 2) { edges { node { name } } } }
}`;

/**
 * One conversation: calls of Slack's Tier 3 and 4 (the largest budgets); its authors' names come
 * from `users.list` (Tier 2) only while the cache does not hold the user directory.
 */
const CONVERSATION = `query GatewayWarmUpConversation($id: ID!) {
  conversation(id: $id) { id name numMembers
    members(first: 5) { edges { node { id name } } }
    messages(first: 5) { edges { node { ts text user { name } } } } }
}`;

export const WARM_UP_OPERATIONS: readonly string[] = [
  'query GatewayWarmUp { __typename }',
  READS,
  CONVERSATION,
];

/** Reads with real data, as a token that nobody's requests use (see `warmUp`). */
export interface WarmUpData {
  /** Sent as `Authorization: Bearer <token>`: never the gateway's default token. */
  token: string;
  /** The conversation each round opens, one per round. */
  conversationIds: readonly string[];
}

/** What one warm-up request got back. */
export interface WarmUpAnswer {
  status: number;
  /** GraphQL errors in the body: every read of a tokenless round, none of a data round. */
  errors: number;
}

/** Not `Bearer <token>`: the request has no token. */
const NO_TOKEN = 'warm-up';

/** The conversation of the tokenless reads: never asked for (no token). */
const NO_CONVERSATION = 'C0WARMUP0';

/**
 * Tokenless rounds (no Slack call each). Each sends its documents with another leading comment:
 * yoga caches parsed and validated documents by their text, and the first query of a client is
 * always a document the gateway has not seen, so parsing and validation are warmed too.
 */
const TOKENLESS_ROUNDS = 4;

/** What clients ask for, one per round: GraphQL over HTTP's media type, or plain JSON. */
const ACCEPT = ['application/graphql-response+json, application/json', 'application/json'];

/**
 * Sends the warm-up operations to the gateway at `graphqlUrl` (its own loopback address) and
 * resolves with what each request got back, in order: first without a token (no Slack call), then, with
 * `data`, as `data.token` (their Slack calls, cache entries and rate budget are that token's,
 * never the default token's). Transport failures reject: a gateway that cannot answer itself is
 * not ready.
 */
export async function warmUp(graphqlUrl: string, data?: WarmUpData): Promise<WarmUpAnswer[]> {
  const answers: WarmUpAnswer[] = [];
  for (let round = 0; round < TOKENLESS_ROUNDS; round += 1) {
    answers.push(
      ...(await sendRound(graphqlUrl, round, NO_TOKEN, NO_CONVERSATION, WARM_UP_OPERATIONS)),
    );
  }
  if (data === undefined) return answers;
  // Every read once, then one conversation per round (a new one each time: with the caches on,
  // a repeat would be answered whole from the response cache and skip the path this compiles).
  for (const [round, id] of data.conversationIds.entries()) {
    const operations = round === 0 ? [READS] : [CONVERSATION];
    answers.push(...(await sendRound(graphqlUrl, round, `Bearer ${data.token}`, id, operations)));
  }
  return answers;
}

/** One round: every operation once, on a new connection (as each client's first query comes). */
async function sendRound(
  graphqlUrl: string,
  round: number,
  authorization: string,
  id: string,
  operations: readonly string[],
): Promise<WarmUpAnswer[]> {
  const url = new URL(graphqlUrl);
  // undici, as the Slack client uses it: its HTTP/1.1 client is compiled here too.
  const pool = new Pool(url.origin, { connections: 1 });
  const answers: WarmUpAnswer[] = [];
  try {
    for (const operation of operations) {
      const response = await pool.request({
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: ACCEPT[round % ACCEPT.length],
          authorization,
        },
        body: JSON.stringify({ query: `# ${round}\n${operation}`, variables: { id } }),
      });
      // The body is read (and parsed) as a client would.
      const body = (await response.body.json()) as { errors?: unknown[] };
      answers.push({ status: response.statusCode, errors: body.errors?.length ?? 0 });
    }
  } finally {
    await pool.close();
  }
  return answers;
}
