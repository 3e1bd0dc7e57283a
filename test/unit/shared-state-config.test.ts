import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { problemsOf } from '../helpers/config-problems.js';

const SECRET = 'a-cursor-secret-of-at-least-32-characters';
const FLEET = {
  REDIS_URL: 'redis://:hunter2@10.0.0.5:6379/2',
  CURSOR_SECRET: SECRET,
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
};

describe('fleet configuration (REDIS_URL)', () => {
  it('is off unless REDIS_URL is set: the in-process gateway of the README needs no Redis', () => {
    expect(parseConfig({}).sharedState).toBeUndefined();
    expect(parseConfig({ SLACK_TOKEN: 'xoxb-1' }).sharedState).toBeUndefined();
  });

  it('reads the URL and a key prefix (default scg:)', () => {
    expect(parseConfig(FLEET).sharedState).toEqual({
      redisUrl: FLEET.REDIS_URL,
      keyPrefix: 'scg:',
    });
    expect(parseConfig({ ...FLEET, REDIS_KEY_PREFIX: 'app2:' }).sharedState?.keyPrefix).toBe(
      'app2:',
    );
  });

  it('refuses REDIS_URL without CURSOR_SECRET: cursors must open on every replica', () => {
    const problems = problemsOf({ ...FLEET, CURSOR_SECRET: undefined });
    expect(problems).toEqual([expect.stringContaining('REDIS_URL needs CURSOR_SECRET')]);
  });

  it('refuses REDIS_URL with the embedded emulator: each replica would serve its own workspace', () => {
    const problems = problemsOf({ REDIS_URL: FLEET.REDIS_URL, CURSOR_SECRET: SECRET });
    expect(problems).toEqual([
      expect.stringContaining('REDIS_URL needs SLACK_API_URL or SLACK_TOKEN'),
    ]);
  });

  it('refuses a URL that is not redis:// or rediss://, without echoing it (it may hold a password)', () => {
    for (const url of ['http://10.0.0.5:6379', 'hunter2', 'memcached://x']) {
      const problems = problemsOf({ ...FLEET, REDIS_URL: url });
      expect(problems).toEqual(['REDIS_URL must be a redis:// or rediss:// URL']);
    }
    expect(
      parseConfig({ ...FLEET, REDIS_URL: 'rediss://cache.internal:6380' }).sharedState,
    ).toBeDefined();
  });

  it('refuses a key prefix Redis tools would choke on, and a prefix without a URL', () => {
    expect(problemsOf({ ...FLEET, REDIS_KEY_PREFIX: 'has space' })).toEqual([
      expect.stringContaining('REDIS_KEY_PREFIX must be'),
    ]);
    expect(problemsOf({ REDIS_KEY_PREFIX: 'app:' })).toEqual(['REDIS_KEY_PREFIX needs REDIS_URL']);
  });
});
