import { GatewayError, type GatewayErrorCode } from '../errors.js';
import type { SlackApi } from '../slack/slack-api.js';

/** The code of both budget errors: the estimate before execution, the counter during it. */
export const BUDGET_EXCEEDED: GatewayErrorCode = 'SLACK_CALL_BUDGET_EXCEEDED';

/**
 * Counts the Slack calls of one request and refuses every call past `budget`, so an operation
 * whose real cost exceeds its estimate (sparse pages, long lists) still stops at the budget.
 * With `perMethod` (the calls a workspace may make of a method per rate window), the calls of
 * one method stop there too: one operation never takes more than a whole window of a method.
 * Wrap the `SlackApi` given to one request's loaders; calls they de-duplicate are not counted.
 * A call's retries count too (`SlackCallOptions.mayRetry`, asked by the Slack client): every
 * attempt Slack sees is spent from the same budget, so failing upstreams cannot multiply an
 * operation's calls.
 */
export function limitSlackCalls(
  slack: SlackApi,
  budget: number,
  perMethod?: (method: string) => number,
): SlackApi {
  let used = 0;
  const usedByMethod = new Map<string, number>();
  /** Spends one retry of `method`; false when the budget or the method's share is used up. */
  const mayRetry = (method: string): boolean => {
    const methodUsed = usedByMethod.get(method) ?? 0;
    const methodLimit = perMethod?.(method);
    if (used >= budget || (methodLimit !== undefined && methodUsed >= methodLimit)) return false;
    used += 1;
    usedByMethod.set(method, methodUsed + 1);
    return true;
  };
  return {
    call(method, args, token, options) {
      const methodLimit = perMethod?.(method);
      const methodUsed = usedByMethod.get(method) ?? 0;
      if (methodLimit !== undefined && methodUsed >= methodLimit) {
        return Promise.reject(
          new GatewayError(
            `This operation made the ${methodLimit} ${method} calls a rate window allows; ${method} was not called again.`,
            BUDGET_EXCEEDED,
            { budget: methodLimit, method },
          ),
        );
      }
      if (used >= budget) {
        return Promise.reject(
          new GatewayError(
            `This operation used its budget of ${budget} Slack calls; ${method} was not called.`,
            BUDGET_EXCEEDED,
            { budget },
          ),
        );
      }
      used += 1;
      usedByMethod.set(method, methodUsed + 1);
      // A shared flight (src/cache/caching-slack-api.ts) spends the budget of the request that sent it.
      return slack.call(method, args, token, { ...options, mayRetry });
    },
  };
}
