import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../context-type.js';
import { sourceEventOf } from './live-streams.js';

/** How one subscriber's payload came about: its own execution, or its group's. */
export type EventExecutionOutcome = 'executed' | 'shared';

export interface SharedExecutionOptions {
  /** Hears every subscription payload's outcome (metrics: `subscription_event_executions_total`). */
  observe?: ((outcome: EventExecutionOutcome) => void) | undefined;
}

/** A result with the text yoga's SSE (and HTTP) answers write, computed once (yoga reads `stringify`). */
type SharedResult = ExecutionResult & { stringify?: (result: ExecutionResult) => string };

/**
 * Resolves each subscription event once per group of subscribers that would get the identical
 * result: the same bus event, document, operation name, variables and execution group (the
 * token's hash: nothing crosses tokens). yoga and graphql-ws execute the selection once per
 * subscriber and event, about 90 µs each: a thousand subscribers of one conversation spent
 * 90 ms of CPU per event on the same answer.
 *
 * The subscription's source stream is created as graphql-js does it (`createSourceEventStream`,
 * so the start-time authorization runs per subscriber, as before); each event is then executed
 * through a memo held by the event object (a WeakMap: it goes with the last subscriber that still
 * buffers the event). Items that are not a bus event's (an error ending one subscriber's stream)
 * and results with errors (a cancelled or over-budget resolution is that subscriber's own) are
 * never shared: the next subscriber executes again. Shared results also carry their serialised
 * text, so yoga's SSE writes it without stringifying it per subscriber.
 *
 * Register it before plugins that wrap `subscribeFn` (the Slack-cost ledger), so they wrap this.
 * A shared execution's Slack calls are charged to the subscriber that ran it.
 */
export function useSharedEventExecution({ observe }: SharedExecutionOptions = {}): Plugin {
  const results = new WeakMap<object, Map<string, Execution>>();
  const documentIds = new WeakMap<DocumentNode, number>();
  let nextDocumentId = 0;

  const groupKey = (args: ExecutionArgs): string => {
    let documentId = documentIds.get(args.document);
    if (documentId === undefined) {
      documentId = nextDocumentId++;
      documentIds.set(args.document, documentId);
    }
    const { executionGroup } = args.contextValue as GraphQLContext;
    return JSON.stringify([
      executionGroup,
      documentId,
      args.operationName ?? null,
      args.variableValues ?? null,
    ]);
  };

  const executeFor = (args: ExecutionArgs, payload: unknown): MaybePromise<SharedResult> => {
    observe?.('executed');
    return execute({ ...args, rootValue: payload }) as MaybePromise<SharedResult>;
  };

  /**
   * One subscriber's result for `payload`: its group's when there is an error-free one (at
   * once, once it is settled: a thousand subscribers add no promise each), else its own.
   */
  const resultFor = (
    args: ExecutionArgs,
    key: string,
    payload: unknown,
  ): MaybePromise<SharedResult> => {
    const event = sourceEventOf(payload);
    if (event === undefined) return executeFor(args, payload);
    let byGroup = results.get(event);
    if (byGroup === undefined) {
      byGroup = new Map();
      results.set(event, byGroup);
    }
    const group = byGroup;
    const shared = group.get(key);
    const own = (): MaybePromise<SharedResult> => {
      const execution: Execution = {};
      group.set(key, execution);
      const result = executeFor(args, payload);
      if (!(result instanceof Promise)) {
        execution.settled = withStoredText(result);
        return execution.settled;
      }
      execution.pending = result.then((settled) => {
        execution.settled = withStoredText(settled);
        execution.pending = undefined;
        return execution.settled;
      });
      return execution.pending;
    };
    if (shared === undefined) return own();
    const reuse = (result: SharedResult): MaybePromise<SharedResult> => {
      if (result.errors !== undefined) return own();
      observe?.('shared');
      return result;
    };
    if (shared.settled !== undefined) return reuse(shared.settled);
    return shared.pending === undefined ? own() : shared.pending.then(reuse);
  };

  return {
    onSubscribe({ subscribeFn, setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const { executionGroup } = args.contextValue as Partial<GraphQLContext>;
        // Several results per event (`@defer`, `@stream`), or no group: yoga's own execution.
        if (executionGroup === undefined || isIncremental(args.document)) return subscribeFn(args);
        const source = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in source)) {
          // Before any resolver ran (variables that do not coerce…): yoga's executor answers, with
          // its own codes and status; a resolver's error (the start-time authorization) stands.
          const located = source.errors?.some((error) => error.path !== undefined) === true;
          return located ? source : subscribeFn(args);
        }
        const key = groupKey(args);
        return mapEvents(source[Symbol.asyncIterator](), (payload) =>
          resultFor(args, key, payload),
        );
      });
    },
  };
}

type MaybePromise<T> = T | Promise<T>;

/** One group's execution of one event: under way, or its result. */
interface Execution {
  pending?: Promise<SharedResult> | undefined;
  settled?: SharedResult | undefined;
}

/**
 * `result`, with its JSON text computed once however many subscribers' SSE responses write it.
 * Not enumerable, so a copy (a plugin adding extensions) is serialised afresh.
 */
function withStoredText(result: SharedResult): SharedResult {
  if (result.errors !== undefined) return result;
  let text: string | undefined;
  Object.defineProperty(result, 'stringify', {
    value: (value: ExecutionResult) => {
      if (value !== result) return JSON.stringify(value);
      text ??= JSON.stringify(result);
      return text;
    },
  });
  return result;
}

/**
 * `source`'s events, each mapped through `map` (in the same step when it answers at once). Not
 * an async generator: one would queue `return()` behind a pending `next()`, so a client leaving
 * a quiet subscription would not close it until its next event.
 */
function mapEvents(
  source: AsyncIterator<unknown>,
  map: (payload: unknown) => MaybePromise<ExecutionResult>,
): AsyncIterableIterator<ExecutionResult> {
  const item = (value: ExecutionResult): IteratorResult<ExecutionResult> => ({
    done: false,
    value,
  });
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    next: () =>
      source.next().then((next) => {
        if (next.done === true) return { done: true, value: undefined };
        const value = map(next.value);
        return value instanceof Promise ? value.then(item) : item(value);
      }),
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => mapped,
  };
  return mapped;
}

const incrementalDocuments = new WeakMap<DocumentNode, boolean>();

/** Whether the document asks for `@defer` or `@stream` (several results per event). */
function isIncremental(document: DocumentNode): boolean {
  let incremental = incrementalDocuments.get(document);
  if (incremental === undefined) {
    let found = false;
    visit(document, {
      Directive(node) {
        if (node.name.value === 'defer' || node.name.value === 'stream') found = true;
      },
    });
    incremental = found;
    incrementalDocuments.set(document, incremental);
  }
  return incremental;
}
