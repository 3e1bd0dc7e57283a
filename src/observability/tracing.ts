import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  type SpanExporter,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Plugin } from 'graphql-yoga';
import type { CacheObserver } from '../cache/caching-slack-api.js';
import type { Config } from '../config.js';
import type { SlackApi } from '../slack/slack-api.js';
import { createAttemptTracker } from './tracing-attempts.js';
import { useTracing } from './tracing-plugin.js';
import { createTracingSlackApi, tracingCacheObserver } from './tracing-slack-api.js';

/** The instrumentation scope of every span. */
const TRACER_NAME = 'slack-conversations-graphql';

/** What tracing adds to the gateway (src/app.ts wires it only when `config.tracing.enabled`). */
export interface GatewayTracing {
  /** The operation-span plugin for yoga. */
  readonly plugin: Plugin;
  /** Wraps the Slack layer below the cache with call spans. */
  traceSlack(inner: SlackApi): SlackApi;
  /** Adds cache answers as events on the active span. */
  traceCache(observer: CacheObserver): CacheObserver;
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

interface TracingOptions {
  /** Told when exports start failing (once per run of failures). */
  warn: (message: string) => void;
}

/**
 * Starts an OpenTelemetry tracer provider of its own (not the global one, so several gateways
 * can run in a process) exporting OTLP/HTTP JSON in batches to `tracing.endpoint` and nowhere
 * else. Context flows through async work with `AsyncLocalStorage`: the global context manager is
 * registered once per process, unless the application already registered one.
 * @see https://opentelemetry.io/docs/languages/js/exporters/#otlp
 */
export function startTracing(
  { tracing, slack }: Pick<Config, 'tracing' | 'slack'>,
  { warn }: TracingOptions,
): GatewayTracing {
  registerContextManager();
  const provider = new TracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({ [ATTR_SERVICE_NAME]: tracing.serviceName }),
    ),
    // Explicit, so no OTEL_TRACES_SAMPLER read behind config.ts's back: every root operation is
    // sampled; a caller's `traceparent` decides for its own trace.
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: warnOnFailure(new OTLPTraceExporter({ url: tracing.endpoint }), warn),
      }),
    ],
  });
  const tracer = provider.getTracer(TRACER_NAME);
  const attempts = createAttemptTracker();
  return {
    plugin: useTracing(tracer),
    traceSlack: (inner) =>
      createTracingSlackApi(inner, {
        tracer,
        slackApiUrl: slack.apiUrl,
        onSpanStart: (span, method) => attempts.track(span, method),
      }),
    traceCache: tracingCacheObserver,
    async shutdown() {
      attempts.close();
      await provider.shutdown();
    },
  };
}

let contextManagerRegistered = false;

function registerContextManager(): void {
  if (contextManagerRegistered) return;
  contextManagerRegistered = true;
  const manager = new AsyncLocalStorageContextManager().enable();
  // false: the application's own SDK registered one already, and it propagates context too.
  if (!context.setGlobalContextManager(manager)) manager.disable();
}

/** `exporter`, telling `warn` when exports start failing (e.g. no collector listening). */
function warnOnFailure(exporter: SpanExporter, warn: (message: string) => void): SpanExporter {
  let failing = false;
  return {
    export(spans, done) {
      exporter.export(spans, (result) => {
        const failed = result.code !== ExportResultCode.SUCCESS;
        if (failed && !failing) warn(`span export failed: ${result.error?.message ?? 'unknown'}`);
        failing = failed;
        done(result);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}
