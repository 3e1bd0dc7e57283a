import { channel } from 'node:diagnostics_channel';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AttemptTracker,
  createAttemptTracker,
  RATE_LIMITED_EVENT,
  SLACK_ATTEMPTS,
} from '../../src/observability/tracing-attempts.js';

const create = channel('undici:request:create');
const headers = channel('undici:request:headers');

/** Publishes what undici publishes for one request to `path` answered with `status`. */
function attempt(path: string, status: number, raw: Buffer[] = []): void {
  const request = { path };
  create.publish({ request });
  headers.publish({ request, response: { statusCode: status, headers: raw } });
}

describe('the attempt tracker', () => {
  const exporter = new InMemorySpanExporter();
  const tracer = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  }).getTracer('test');
  let tracker: AttemptTracker;

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    tracker = createAttemptTracker();
  });
  afterAll(() => {
    tracker.close();
    context.disable();
  });

  it('counts the requests to its method made while a tracked call span is active', async () => {
    const span = tracer.startSpan('conversations.info');
    tracker.track(span, 'conversations.info');
    await context.with(trace.setSpan(context.active(), span), async () => {
      attempt('/api/conversations.info', 429, [Buffer.from('Retry-After'), Buffer.from('2')]);
      await Promise.resolve();
      attempt('/api/conversations.info', 200);
      // A request the pool dispatched for another call while this one was active.
      attempt('/api/users.info', 200);
    });
    span.end();
    // Outside its context, and after it ended: not this call's.
    attempt('/api/conversations.info', 200);
    const [finished] = exporter.getFinishedSpans();
    expect(finished?.attributes[SLACK_ATTEMPTS]).toBe(2);
    expect(finished?.attributes['http.response.status_code']).toBe(200);
    expect(finished?.events.map(({ name, attributes }) => ({ name, attributes }))).toEqual([
      { name: RATE_LIMITED_EVENT, attributes: { 'slack.retry_after': '2' } },
    ]);
  });

  it('ignores spans it does not track and requests once closed', () => {
    const untracked = tracer.startSpan('other');
    context.with(trace.setSpan(context.active(), untracked), () => {
      attempt('/api/other', 200);
    });
    untracked.end();
    const closed = createAttemptTracker();
    closed.close();
    const span = tracer.startSpan('conversations.list');
    closed.track(span, 'conversations.list');
    context.with(trace.setSpan(context.active(), span), () => {
      attempt('/api/conversations.list', 200);
    });
    span.end();
    for (const finished of exporter.getFinishedSpans().slice(1)) {
      expect(finished.attributes[SLACK_ATTEMPTS]).toBeUndefined();
    }
    expect(exporter.getFinishedSpans()).toHaveLength(3);
  });
});
