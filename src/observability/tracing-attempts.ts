import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { type Span, trace } from '@opentelemetry/api';
import { ATTR_HTTP_RESPONSE_STATUS_CODE } from '@opentelemetry/semantic-conventions';

/** HTTP requests one Slack call made: 1, plus one per retry. */
export const SLACK_ATTEMPTS = 'slack.attempts';
/** Event per attempt Slack answered with 429. */
export const RATE_LIMITED_EVENT = 'slack.rate_limited';

/** The parts of undici's diagnostics messages read here. */
interface UndiciRequest {
  readonly path: string;
}
interface CreateMessage {
  readonly request: UndiciRequest;
}
interface HeadersMessage {
  readonly request: UndiciRequest;
  readonly response: { readonly statusCode: number; readonly headers: readonly Buffer[] };
}

const CREATE = 'undici:request:create';
const HEADERS = 'undici:request:headers';

export interface AttemptTracker {
  /** Counts the HTTP attempts made while `span` (a Slack call of `method`) is active. */
  track(span: Span, method: string): void;
  close(): void;
}

/**
 * Counts the HTTP attempts behind each Slack call span (the client retries inside one call), and
 * marks 429s, through undici's diagnostics channels: the client stays unaware of tracing. A
 * request is counted on the active span only if that span is a tracked call and the request's
 * path is its method: a request the pool queued starts in whichever context frees a connection
 * (an ended span ignores what is recorded on it).
 * @see https://undici.nodejs.org/#/docs/api/DiagnosticsChannel
 */
export function createAttemptTracker(): AttemptTracker {
  const calls = new WeakMap<Span, { method: string; attempts: number }>();
  const requests = new WeakMap<UndiciRequest, Span>();

  const onCreate = (message: unknown): void => {
    const { request } = message as CreateMessage;
    const span = trace.getActiveSpan();
    const call = span === undefined ? undefined : calls.get(span);
    if (span === undefined || call === undefined) return;
    if (!request.path.endsWith(`/${call.method}`)) return;
    call.attempts += 1;
    span.setAttribute(SLACK_ATTEMPTS, call.attempts);
    requests.set(request, span);
  };
  const onHeaders = (message: unknown): void => {
    const { request, response } = message as HeadersMessage;
    const span = requests.get(request);
    if (span === undefined) return;
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.statusCode);
    if (response.statusCode === 429) {
      span.addEvent(RATE_LIMITED_EVENT, { 'slack.retry_after': retryAfter(response.headers) });
    }
  };
  subscribe(CREATE, onCreate);
  subscribe(HEADERS, onHeaders);
  return {
    track(span, method) {
      calls.set(span, { method, attempts: 0 });
    },
    close() {
      unsubscribe(CREATE, onCreate);
      unsubscribe(HEADERS, onHeaders);
    },
  };
}

/** The `Retry-After` header (seconds) from undici's raw `[name, value, …]` headers, or `''`. */
function retryAfter(headers: readonly Buffer[]): string {
  for (let index = 0; index + 1 < headers.length; index += 2) {
    if (headers[index]?.toString('latin1').toLowerCase() === 'retry-after') {
      return headers[index + 1]?.toString('latin1') ?? '';
    }
  }
  return '';
}
