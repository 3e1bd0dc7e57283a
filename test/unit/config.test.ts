import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_TTLS } from '../../src/cache/cache-policy.js';
import {
  DEMO_CORS_ORIGINS,
  LOOPBACK_HOST_NAMES,
  parseConfig,
  SLACK_PRODUCTION_API_URL,
} from '../../src/config.js';
import { problemsOf } from '../helpers/config-problems.js';

describe('parseConfig', () => {
  it('runs the embedded emulator with defaults when nothing is set', () => {
    expect(parseConfig({})).toEqual({
      server: {
        port: 4000,
        host: '127.0.0.1',
        maxRequestBodyBytes: 102_400,
        requestTimeoutMs: 30_000,
        shutdownDelayMs: 0,
        shutdownGraceMs: 10_000,
        allowedHosts: LOOPBACK_HOST_NAMES,
      },
      frontends: {
        corsOrigins: DEMO_CORS_ORIGINS,
        persistedOperations: 'allow',
        persistedOperationsManifest: undefined,
      },
      slack: {
        apiUrl: SLACK_PRODUCTION_API_URL,
        defaultToken: undefined,
        embeddedEmulator: true,
        timeoutMs: 10_000,
        maxRetries: 3,
        maxRetryWaitMs: 30_000,
        maxConnections: 10,
        unlistedApp: false,
        circuitFailures: 10,
        circuitCooldownMs: 10_000,
      },
      governor: { enabled: true, windowMs: 60_000, rateLimitOverrides: {}, maxWaitMs: 10_000 },
      cache: {
        enabled: true,
        responsesEnabled: true,
        repeatFastPathEnabled: true,
        ttls: DEFAULT_CACHE_TTLS,
        maxEntries: 10_000,
        maxBytes: 64 * 1024 * 1024,
      },
      limits: {
        maxDepth: 12,
        maxAliases: 15,
        maxDirectives: 50,
        maxFields: 2_000,
        maxTokens: 1_000,
        slackCallBudget: 1_000,
        operationDeadlineMs: 30_000,
      },
      observability: { logLevel: 'info', metricsPath: '/metrics', slackCostExposure: 'always' },
      tracing: {
        enabled: false,
        endpoint: 'http://localhost:4318/v1/traces',
        serviceName: 'slack-conversations-graphql',
      },
      events: { signingSecret: undefined, appToken: undefined },
      cursorSecret: undefined,
      sharedState: undefined,
    });
  });

  it('reads the Events API secret and refuses an app token that is not xapp-', () => {
    const config = parseConfig({ SLACK_SIGNING_SECRET: 's3cret', SLACK_APP_TOKEN: 'xapp-1-A-1-x' });
    expect(config.events.signingSecret).toBe('s3cret');
    expect(config.events.appToken).toBe('xapp-1-A-1-x');
    expect(() => parseConfig({ SLACK_APP_TOKEN: 'xoxb-1' })).toThrow(/SLACK_APP_TOKEN/);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(parseConfig({}))).toBe(true);
  });

  it('talks to real Slack when only a token is set', () => {
    const config = parseConfig({ SLACK_TOKEN: 'xoxb-1' });
    expect(config.slack.embeddedEmulator).toBe(false);
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
    expect(config.slack.defaultToken).toBe('xoxb-1');
  });

  it('needs no default token when an API URL is set', () => {
    const config = parseConfig({ SLACK_API_URL: 'http://127.0.0.1:3000/api/' });
    expect(config.slack.embeddedEmulator).toBe(false);
    expect(config.slack.defaultToken).toBeUndefined();
  });

  it('accepts SLACK_BOT_TOKEN as the default token', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-2' }).slack.defaultToken).toBe('xoxb-2');
  });

  it('accepts SLACK_TOKEN and SLACK_BOT_TOKEN when they agree', () => {
    expect(
      parseConfig({ SLACK_TOKEN: 'xoxb-3', SLACK_BOT_TOKEN: 'xoxb-3' }).slack.defaultToken,
    ).toBe('xoxb-3');
  });

  it('adds the trailing slash to SLACK_API_URL', () => {
    expect(parseConfig({ SLACK_API_URL: 'http://127.0.0.1:3000/api' }).slack.apiUrl).toBe(
      'http://127.0.0.1:3000/api/',
    );
  });

  it('treats empty and blank variables as unset', () => {
    const config = parseConfig({ PORT: '', SLACK_TOKEN: '  ', SLACK_API_URL: '' });
    expect(config.server.port).toBe(4000);
    expect(config.slack.embeddedEmulator).toBe(true);
  });

  it('reads every numeric setting', () => {
    const config = parseConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'SILENT',
      SLACK_TIMEOUT_MS: '2500',
      SLACK_MAX_RETRIES: '0',
      SLACK_MAX_RETRY_WAIT_MS: '100',
      SLACK_MAX_CONNECTIONS: '4',
    });
    expect(config).toMatchObject({
      server: { port: 0, host: '0.0.0.0' },
      slack: { timeoutMs: 2500, maxRetries: 0, maxRetryWaitMs: 100, maxConnections: 4 },
      observability: { logLevel: 'silent' },
    });
  });

  it('reads CORS_ORIGINS as a trimmed list of origins', () => {
    expect(
      parseConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:5173,' }).frontends
        .corsOrigins,
    ).toEqual(['https://app.example.com', 'http://localhost:5173']);
  });

  it('rejects a CORS origin with a path or without a scheme', () => {
    expect(problemsOf({ CORS_ORIGINS: 'https://app.example.com/, app.example.com' })).toHaveLength(
      2,
    );
  });

  it('reports every bad variable in one error', () => {
    const problems = problemsOf({
      PORT: '70000',
      LOG_LEVEL: 'loud',
      SLACK_API_URL: 'ftp://example.test/api/',
      SLACK_TIMEOUT_MS: 'soon',
      SLACK_MAX_RETRIES: '-1',
      SLACK_MAX_RETRY_WAIT_MS: '1.5',
      SLACK_MAX_CONNECTIONS: '0',
    });
    expect(problems).toHaveLength(7);
    for (const name of [
      'PORT',
      'LOG_LEVEL',
      'SLACK_API_URL',
      'SLACK_TIMEOUT_MS',
      'SLACK_MAX_RETRIES',
      'SLACK_MAX_RETRY_WAIT_MS',
      'SLACK_MAX_CONNECTIONS',
    ]) {
      expect(problems.some((problem) => problem.startsWith(name))).toBe(true);
    }
  });

  it('names each problem in the error message', () => {
    expect(() => parseConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(
      /Invalid configuration:\n {2}- PORT .*\n {2}- LOG_LEVEL /,
    );
  });

  it('rejects an API URL that is not absolute', () => {
    expect(problemsOf({ SLACK_API_URL: 'slack.com/api' })).toEqual([
      'SLACK_API_URL must be an absolute http(s) URL, got "slack.com/api"',
    ]);
  });

  it('rejects an API URL with a query, fragment or credentials', () => {
    for (const url of [
      'https://slack.test/api/?x=1',
      'https://slack.test/api/#x',
      'https://u:p@slack.test/api/',
    ]) {
      expect(problemsOf({ SLACK_API_URL: url })).toHaveLength(1);
    }
  });

  it('rejects conflicting tokens without echoing either of them', () => {
    const problems = problemsOf({ SLACK_TOKEN: 'xoxb-secret-a', SLACK_BOT_TOKEN: 'xoxb-secret-b' });
    expect(problems).toHaveLength(1);
    expect(problems.join()).not.toMatch(/secret/);
  });

  it('rejects a token containing whitespace without echoing it', () => {
    const problems = problemsOf({ SLACK_TOKEN: 'xoxb-secret part' });
    expect(problems).toEqual(['SLACK_TOKEN must not contain whitespace']);
  });

  it('exposes extensions.slackCost outside production, and in production only when allowed and asked', () => {
    expect(parseConfig({ EXPOSE_SLACK_COST: 'off' }).observability.slackCostExposure).toBe('never');
    expect(parseConfig({ NODE_ENV: 'production' }).observability.slackCostExposure).toBe('never');
    expect(
      parseConfig({ NODE_ENV: 'production', EXPOSE_SLACK_COST: 'on' }).observability
        .slackCostExposure,
    ).toBe('on-request');
    expect(problemsOf({ EXPOSE_SLACK_COST: 'maybe' })).toEqual([
      'EXPOSE_SLACK_COST must be on or off (true or false), got "maybe"',
    ]);
  });
});
