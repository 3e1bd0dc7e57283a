import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { chargingTo, ledgerOf, type SlackCostReport } from './slack-cost-ledger.js';

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
      setExecuteFn((executionArgs) => chargingTo(ledger, () => executeFn(executionArgs)));
    },
    // The initial resolution of a subscription and each of its events, like an execution.
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      const ledger = ledgerOf(args.contextValue as object);
      setSubscribeFn((subscribeArgs) => chargingTo(ledger, () => subscribeFn(subscribeArgs)));
    },
    onExecutionResult({ request, context, result, setResult }) {
      if (result === undefined || !wanted(exposure, request)) return;
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

async function* withReports(
  parts: AsyncIterable<Result>,
  report: () => SlackCostReport,
): AsyncGenerator<Result> {
  for await (const part of parts) yield withReport(part, report());
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
