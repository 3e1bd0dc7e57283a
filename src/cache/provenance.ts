import type { SlackEnvelope } from '../slack/wire-types.js';

/** Where a cached Slack answer stands: the tag versions it was read under and its expiry. */
export interface Provenance {
  /** Tag → version when the answer was stored (src/cache/cache-policy.ts names the tags). */
  readonly tags: Readonly<Record<string, string>>;
  /** Epoch milliseconds after which the answer is no longer served. */
  readonly expiresAt: number;
}

/**
 * What the cache can say about its answers, so something built from them (a whole GraphQL
 * response, src/cache/response-cache-plugin.ts) can be kept exactly as long as they would be.
 */
export interface ReadProvenance {
  /** The provenance of an answer the cache served or stored; `undefined` for any other. */
  provenanceOf(response: SlackEnvelope): Provenance | undefined;
  /** Whether every tag still has the version recorded (no write has bumped it since). */
  isCurrent(versions: Readonly<Record<string, string>>): Promise<boolean>;
  /**
   * `isCurrent` without waiting, when the versions are in this process; `undefined` when they
   * are elsewhere (a shared store) and only `isCurrent` can tell.
   */
  isCurrentNow?(versions: Readonly<Record<string, string>>): boolean | undefined;
}
