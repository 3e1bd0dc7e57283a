import { createHash } from 'node:crypto';

/**
 * A request's Slack token with its SHA-256 (hex), computed once when the request's context is
 * built (src/http/context.ts) and passed down every Slack layer: the cache key, the governor's
 * bucket, the workspace resolver and the refused-token memory use `hash`, so no store, map or log
 * ever holds a token and no layer hashes it again. Only the HTTP client reads `value`. The token
 * is a private field: serialising or inspecting the object shows the hash alone. Slack tokens
 * carry enough entropy that an unsalted hash cannot be reversed by guessing.
 */
export class SlackToken {
  readonly #value: string;
  readonly hash: string;

  constructor(value: string) {
    this.#value = value;
    this.hash = createHash('sha256').update(value).digest('hex');
  }

  /** The token itself, for the `Authorization` header of a Slack call. */
  get value(): string {
    return this.#value;
  }
}
