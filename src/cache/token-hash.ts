import { createHash } from 'node:crypto';

/**
 * The last token hashed and its hash. A request's token is hashed by its context, the cache key,
 * the governor's bucket and the workspace resolver, on every Slack call: remembering one pair
 * turns those into one SHA-256 per token change, while holding no more than the one token the
 * process is serving anyway (no table of tokens is kept).
 */
let last: { token: string; hash: string } | undefined;

/**
 * The SHA-256 of a token, hex. Every cache key and governor bucket that depends on a token uses
 * this instead, so no store, map or log ever holds a token. Slack tokens carry enough entropy
 * that an unsalted hash cannot be reversed by guessing.
 */
export function hashToken(token: string): string {
  if (last?.token === token) return last.hash;
  const hash = createHash('sha256').update(token).digest('hex');
  last = { token, hash };
  return hash;
}
