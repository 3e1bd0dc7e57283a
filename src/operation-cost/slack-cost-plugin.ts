import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import {
  executing,
  ledgerOf,
  type SlackCostLedger,
  type SlackCostReport,
} from './slack-cost-ledger.js';

/**
 * When responses carry `extensions.slackCost`: `always`, `on-request` (only when the request
 * sends `X-Slack-Cost: 1`), or `never`. See docs/cost.md.
 */
export type SlackCostExposure = 'always' | 'on-request' | 'never';

/** The request header that asks for `extensions.slackCost` where exposure is `on-request`. */
export const SLACK_COST_HEADER = 'x-slack-cost';

/** A result as yoga holds it; the response cache hands over its stored text as `stringify`. */
type Result = ExecutionResult & { stringify?: (result: ExecutionResult) => string };

/**
 * Charges every Slack call an execution causes to its request (src/operation-cost/slack-cost-ledger.ts)
 * and reports the tally in `extensions.slackCost` of each response (each part of an incremental
 * `@defer`/`@stream` response or subscription, with the figures so far). A response served whole
 * by the response cache made no Slack call, and says so (`totalCalls: 0`, `responseCache: true`).
 * Register it before the response cache, so that an execution the cache does not answer is charged.
 */
export function useSlackCost(exposure: SlackCostExposure): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const ledger = ledgerOf(args.contextValue as object);
      setExecuteFn((executionArgs) => executing(ledger, () => executeFn(executionArgs)));
    },
    // A subscription is reported here rather than in `onExecutionResult`, which graphql-ws
    // (src/http/websocket.ts) does not run: its start (the visibility check) and each event's
    // resolution are charged, and every payload carries the figures so far.
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      const ledger = ledgerOf(args.contextValue as object);
      setSubscribeFn((subscribeArgs) => executing(ledger, () => subscribeFn(subscribeArgs)));
      const { request } = args.contextValue as { request?: Request };
      if (request === undefined || !wanted(exposure, request)) return;
      return {
        onSubscribeResult({ result, setResult }) {
          const reported =
            Symbol.asyncIterator in result
              ? chargedStream(result, ledger)
              : withReport(result, ledger.report(result.data != null));
          subscriptionResults.add(reported);
          setResult(reported);
        },
      };
    },
    onExecutionResult({ request, context, result, setResult }) {
      if (result === undefined || subscriptionResults.has(result) || !wanted(exposure, request)) {
        return;
      }
      const ledger = ledgerOf(context);
      if (Symbol.asyncIterator in result) {
        setResult(withReports(result, () => ledger.report(true)));
        return;
      }
      setResult(withReport(result, ledger.report(result.data != null)));
    },
  };
}

function wanted(exposure: SlackCostExposure, request: Request): boolean {
  if (exposure === 'always') return true;
  return exposure === 'on-request' && request.headers.get(SLACK_COST_HEADER)?.trim() === '1';
}

/** Subscription results `onSubscribe` already reported. */
const subscriptionResults = new WeakSet<object>();

/**
 * `source` with the running figures on each part. Not an async generator: one would queue `return()` behind a pending `next()`, so a client
 * leaving a quiet subscription would not close it until its next event.
 */
function withReports(
  source: AsyncIterable<Result>,
  report: () => SlackCostReport,
): AsyncIterableIterator<Result> {
  const parts = source[Symbol.asyncIterator]();
  const reported: AsyncIterableIterator<Result> = {
    async next() {
      const part = await parts.next();
      return part.done === true ? part : { done: false, value: withReport(part.value, report()) };
    },
    return: async (value) => (await parts.return?.(value)) ?? { done: true, value: undefined },
    throw: async (error) => {
      if (parts.throw === undefined) throw error;
      return parts.throw(error);
    },
    [Symbol.asyncIterator]: () => reported,
  };
  return reported;
}

/**
 * A subscription's payloads with the figures so far: each event's loaders (renewed per event,
 * src/http/context.ts) charge the context's ledger.
 */
function chargedStream(payloads: AsyncIterable<Result>, ledger: SlackCostLedger) {
  return withReports(payloads, () => ledger.report(true));
}

/**
 * `result` with `extensions.slackCost`. A stored response (`stringify` without extensions) keeps
 * its text: the report is spliced into it rather than parsing and printing it again.
 */
function withReport(result: Result, slackCost: SlackCostReport): Result {
  const extensions = { ...result.extensions, slackCost };
  const { stringify } = result;
  if (stringify === undefined || result.extensions !== undefined) {
    const { stringify: _dropped, ...plain } = result;
    return { ...plain, extensions };
  }
  return {
    get data() {
      return result.data;
    },
    errors: result.errors,
    extensions,
    stringify: (self) =>
      `${stringify(self).replace(/}\s*$/, '')},"extensions":${JSON.stringify(extensions)}}`,
  };
}
