import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { problemsOf } from '../helpers/config-problems.js';

describe('governor, cache and metrics settings', () => {
  it('reads rate overrides, the 2025 rule, the window and the deadline', () => {
    const config = parseConfig({
      SLACK_RATE_LIMITS: 'conversations.history=1, users.info=80',
      SLACK_UNLISTED_APP: 'true',
      SLACK_RATE_WINDOW_MS: '2000',
      SLACK_RATE_MAX_WAIT_MS: '500',
      SLACK_GOVERNOR: 'off',
    });
    expect(config.governor.rateLimitOverrides).toEqual({
      'conversations.history': 1,
      'users.info': 80,
    });
    expect(config.slack.unlistedApp).toBe(true);
    expect(config.governor.windowMs).toBe(2_000);
    expect(config.governor.maxWaitMs).toBe(500);
    expect(config.governor.enabled).toBe(false);
  });

  it('reads cache TTLs over the defaults, the bounds, and the metrics path', () => {
    const config = parseConfig({
      SLACK_CACHE_TTLS: 'history=0,conversation=120',
      SLACK_CACHE_MAX_ENTRIES: '500',
      SLACK_CACHE_MAX_MB: '8',
      SLACK_CACHE: 'on',
      METRICS_PATH: 'off',
    });
    expect(config.cache.ttls.history).toBe(0);
    expect(config.cache.ttls.conversation).toBe(120);
    expect(config.cache.ttls.user).toBe(300);
    expect(config.cache.maxEntries).toBe(500);
    expect(config.cache.maxBytes).toBe(8 * 1024 * 1024);
    expect(config.cache.enabled).toBe(true);
    expect(config.observability.metricsPath).toBeUndefined();
  });

  it('names every bad setting at once', () => {
    expect(
      problemsOf({
        SLACK_RATE_LIMITS: 'conversations.info:50',
        SLACK_CACHE_TTLS: 'messages=5',
        SLACK_GOVERNOR: 'maybe',
        METRICS_PATH: 'metrics',
      }),
    ).toEqual([
      'SLACK_GOVERNOR must be on or off (true or false), got "maybe"',
      'SLACK_RATE_LIMITS entries must look like conversations.info=50, got "conversations.info:50"',
      'SLACK_CACHE_TTLS entries must look like conversation=60 with a type among auth, team, user, user_list, conversation, members, conversation_list, history, got "messages=5"',
      'METRICS_PATH must be a path such as /metrics, or off, got "metrics"',
    ]);
  });
});
