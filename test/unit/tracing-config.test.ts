import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { problemsOf } from '../helpers/config-problems.js';

describe('tracing settings', () => {
  it('keeps tracing off by default, with the standard local collector as its endpoint', () => {
    const config = parseConfig({});
    expect(config.tracing.enabled).toBe(false);
    expect(config.tracing.endpoint).toBe('http://localhost:4318/v1/traces');
    expect(config.tracing.serviceName).toBe('slack-conversations-graphql');
  });

  it('turns on with OTEL_TRACING and reads the service name', () => {
    const config = parseConfig({ OTEL_TRACING: 'on', OTEL_SERVICE_NAME: 'slack-gw' });
    expect(config.tracing.enabled).toBe(true);
    expect(config.tracing.endpoint).toBe('http://localhost:4318/v1/traces');
    expect(config.tracing.serviceName).toBe('slack-gw');
  });

  it('turns on when an OTLP endpoint is set, adding v1/traces to the base endpoint only', () => {
    expect(parseConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toMatchObject({
      tracing: { enabled: true, endpoint: 'http://collector:4318/v1/traces' },
    });
    expect(
      parseConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example/base/' }),
    ).toMatchObject({ tracing: { endpoint: 'https://otel.example/base/v1/traces' } });
    const traces = parseConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/custom',
    });
    expect(traces).toMatchObject({
      tracing: { enabled: true, endpoint: 'http://traces:9999/custom' },
    });
  });

  it('stays off when told to, even with an endpoint set', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(parseConfig({ ...endpoint, OTEL_TRACING: 'off' }).tracing.enabled).toBe(false);
    expect(parseConfig({ ...endpoint, OTEL_SDK_DISABLED: 'true' }).tracing.enabled).toBe(false);
    expect(parseConfig({ OTEL_TRACING: 'on', OTEL_SDK_DISABLED: 'true' }).tracing.enabled).toBe(
      false,
    );
  });

  it('names bad settings without echoing an endpoint, which may hold credentials', () => {
    const problems = problemsOf({
      OTEL_TRACING: 'maybe',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://user:secret@collector:4317',
    });
    expect(problems).toEqual([
      'OTEL_TRACING must be on or off (true or false), got "maybe"',
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an absolute http(s) URL',
    ]);
    expect(problemsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL',
    ]);
  });
});
