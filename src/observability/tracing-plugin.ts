import {
  type Context,
  context,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import { getOperationAST, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * GraphQL semantic-convention attributes (still "development" in the conventions, so copied here
 * rather than imported from the unstable `incubating` entry point).
 * @see https://opentelemetry.io/docs/specs/semconv/graphql/graphql-spans/
 */
const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
/** One event per error in the result (at most `MAX_ERROR_EVENTS`): its code and path, no message. */
const GRAPHQL_ERROR_EVENT = 'graphql.error';
/** The span's name until the document says which operation it is (e.g. a syntax error). */
const UNKNOWN_OPERATION_SPAN = 'GraphQL Operation';

const MAX_ERROR_EVENTS = 10;

/** What a result (or a part of an incremental one) carries that is recorded. */
interface ErrorLike {
  readonly path?: readonly (string | number)[] | undefined;
  readonly extensions?: Readonly<Record<string, unknown>> | undefined;
}
interface ResultLike {
  readonly errors?: readonly ErrorLike[] | undefined;
  readonly incremental?: readonly { readonly errors?: readonly ErrorLike[] | undefined }[];
}

const propagator = new W3CTraceContextPropagator();
const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

/**
 * One span per GraphQL operation, named `<type> <name>` (`query Topic`), continuing the caller's
 * W3C `traceparent` if it sent one. The operation runs inside the span's context, so the Slack
 * call spans of its resolvers and loaders become its children. Errors set status ERROR with the
 * first error's code (`error.type`) and a `graphql.error` event per error (code and path only:
 * messages can echo client input). Never records variables, headers or the document.
 * @see https://the-guild.dev/graphql/envelop/docs/guides/monitoring-and-tracing
 */
export function useTracing(tracer: Tracer): Plugin {
  const operations = new WeakMap<Request, Span>();

  const end = (request: Request, span: Span): void => {
    if (operations.get(request) !== span) return;
    operations.delete(request);
    span.end();
  };

  return {
    instrumentation: {
      operation({ request }, wrapped) {
        const parent = propagator.extract(ROOT_CONTEXT, request.headers, headerGetter);
        // SERVER: the gateway makes no HTTP server span, so the operation is where a trace enters.
        const span = tracer.startSpan(UNKNOWN_OPERATION_SPAN, { kind: SpanKind.SERVER }, parent);
        operations.set(request, span);
        return runIn(trace.setSpan(parent, span), wrapped, (error) => {
          // Thrown before execution (e.g. a refused persisted document): no result comes here,
          // yoga answers with the error's code, or masks it as an internal error.
          const code = codeOf(error as ErrorLike, 'INTERNAL_SERVER_ERROR');
          span.setAttribute(ATTR_ERROR_TYPE, code);
          span.setStatus({ code: SpanStatusCode.ERROR, message: code });
          end(request, span);
        });
      },
    },
    onParse() {
      return ({ result, context: { request, params } }) => {
        const span = operations.get(request);
        if (span === undefined || result === null || result instanceof Error) return;
        if (result.kind !== Kind.DOCUMENT) return;
        const operation = getOperationAST(result, params.operationName);
        if (operation === null || operation === undefined) return;
        const type = operation.operation;
        const name = operation.name?.value;
        span.updateName(name === undefined ? type : `${type} ${name}`);
        span.setAttribute(ATTR_GRAPHQL_OPERATION_TYPE, type);
        if (name !== undefined) span.setAttribute(ATTR_GRAPHQL_OPERATION_NAME, name);
      };
    },
    onExecutionResult({ request, result, setResult }) {
      const span = operations.get(request);
      if (span === undefined) return;
      if (isAsyncIterable(result)) {
        // `@defer`/`@stream`: the operation lasts until its last part is sent.
        operations.delete(request);
        setResult(endWhenDone(result, span));
        return;
      }
      const results: readonly (ResultLike | undefined)[] = Array.isArray(result)
        ? result
        : [result];
      recordErrors(span, results);
      end(request, span);
    },
  };
}

/** Runs `wrapped` in `active`; `onError` sees a synchronous throw or a rejection, then rethrows. */
function runIn(
  active: Context,
  wrapped: () => Promise<void> | void,
  onError: (error: unknown) => void,
): Promise<void> | void {
  try {
    const done = context.with(active, wrapped);
    return done?.catch((error: unknown) => {
      onError(error);
      throw error;
    });
  } catch (error) {
    onError(error);
    throw error;
  }
}

/** Passes the parts through, recording their errors, and ends `span` when the stream ends. */
async function* endWhenDone<T extends ResultLike>(
  parts: AsyncIterable<T>,
  span: Span,
): AsyncGenerator<T, void, undefined> {
  try {
    for await (const part of parts) {
      recordErrors(span, [part, ...(part.incremental ?? [])]);
      yield part;
    }
  } finally {
    span.end();
  }
}

function recordErrors(span: Span, results: readonly (ResultLike | undefined)[]): void {
  const errors = results.flatMap((result) => result?.errors ?? []);
  if (errors.length === 0) return;
  const first = codeOf(errors[0]);
  span.setAttribute(ATTR_ERROR_TYPE, first);
  span.setStatus({ code: SpanStatusCode.ERROR, message: first });
  for (const error of errors.slice(0, MAX_ERROR_EVENTS)) {
    span.addEvent(GRAPHQL_ERROR_EVENT, {
      'graphql.error.code': codeOf(error),
      'graphql.error.path': error.path?.join('.') ?? '',
    });
  }
}

/**
 * The error's `extensions.code`. In a result, errors still without one are those
 * src/http/error-codes-plugin.ts codes `BAD_USER_INPUT` when the response is sent, after this
 * plugin has seen the result.
 */
function codeOf(error: ErrorLike | undefined, fallback = 'BAD_USER_INPUT'): string {
  const code = error?.extensions?.code;
  return typeof code === 'string' ? code : fallback;
}

function isAsyncIterable<T>(value: unknown): value is AsyncIterable<T> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
