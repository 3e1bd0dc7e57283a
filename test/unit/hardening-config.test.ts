import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

describe('the hardening settings', () => {
  it('reads every limit from its variable', () => {
    const config = parseConfig({
      MAX_QUERY_DEPTH: '8',
      MAX_ALIASES: '3',
      MAX_DIRECTIVES: '4',
      MAX_FIELDS: '500',
      MAX_TOKENS: '600',
      SLACK_CALL_BUDGET: '50',
      MAX_REQUEST_BODY_BYTES: '2048',
      SLACK_CIRCUIT_FAILURES: '2',
      SLACK_CIRCUIT_COOLDOWN_MS: '500',
      SHUTDOWN_DELAY_MS: '5000',
      SHUTDOWN_GRACE_MS: '20000',
      CURSOR_SECRET: 'x'.repeat(32),
    });
    expect(config).toMatchObject({
      server: { maxRequestBodyBytes: 2048, shutdownDelayMs: 5000, shutdownGraceMs: 20000 },
      slack: { circuitFailures: 2, circuitCooldownMs: 500 },
      limits: {
        maxDepth: 8,
        maxAliases: 3,
        maxDirectives: 4,
        maxFields: 500,
        maxTokens: 600,
        slackCallBudget: 50,
      },
      cursorSecret: 'x'.repeat(32),
    });
  });

  it('refuses limits out of range and a short cursor secret without echoing it', () => {
    let error: unknown;
    try {
      parseConfig({
        SLACK_CALL_BUDGET: '0',
        MAX_QUERY_DEPTH: 'deep',
        CURSOR_SECRET: 'short-secret',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([
      'MAX_QUERY_DEPTH must be an integer from 1 to 1000, got "deep"',
      'SLACK_CALL_BUDGET must be an integer from 1 to 1000000, got "0"',
      'CURSOR_SECRET must be at least 32 characters long',
    ]);
    expect((error as Error).message).not.toContain('short-secret');
  });
});
