/**
 * The fleet settings: where replicas share their state (Redis or Valkey). Unset, the gateway
 * keeps everything in its own process, as a single gateway always has.
 */
export interface SharedStateConfig {
  /** `REDIS_URL`: `redis://[[user]:password@]host[:port][/db]` or `rediss://…` (TLS). Never echoed. */
  readonly redisUrl: string;
  /**
   * `REDIS_KEY_PREFIX`: put before every key and channel, so gateways for different Slack apps
   * (different budgets, different caches) can share one Redis. @default `scg:`
   */
  readonly keyPrefix: string;
}

/** What the fleet rules need to know about the rest of the configuration. */
export interface FleetContext {
  readonly cursorSecret: string | undefined;
  readonly embeddedEmulator: boolean;
}

/**
 * Reads `REDIS_URL` and `REDIS_KEY_PREFIX`, and refuses combinations a fleet would get wrong:
 * - no `CURSOR_SECRET`: each replica would seal cursors with its own random secret, so a page's
 *   cursor would not open on the replica the next request lands on;
 * - the embedded emulator: each replica would run its own demo workspace, and the replicas would
 *   share one cache and one budget over different Slack backends.
 */
export function parseSharedState(
  redisUrl: string | undefined,
  keyPrefix: string | undefined,
  context: FleetContext,
  problems: string[],
): SharedStateConfig | undefined {
  if (redisUrl === undefined) {
    if (keyPrefix !== undefined) problems.push('REDIS_KEY_PREFIX needs REDIS_URL');
    return undefined;
  }
  if (!URL.canParse(redisUrl) || !['redis:', 'rediss:'].includes(new URL(redisUrl).protocol)) {
    // Not echoed: the URL may carry a password.
    problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  }
  if (context.cursorSecret === undefined) {
    problems.push(
      'REDIS_URL needs CURSOR_SECRET (the same on every replica): cursors sealed by one replica must open on the others',
    );
  }
  if (context.embeddedEmulator) {
    problems.push(
      'REDIS_URL needs SLACK_API_URL or SLACK_TOKEN: with the embedded emulator every replica would serve its own demo workspace',
    );
  }
  const prefix = keyPrefix ?? 'scg:';
  if (!/^[A-Za-z0-9:._-]{1,64}$/.test(prefix)) {
    problems.push(`REDIS_KEY_PREFIX must be 1 to 64 of A-Z a-z 0-9 : . _ -, got "${prefix}"`);
  }
  return Object.freeze({ redisUrl, keyPrefix: prefix });
}
