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
 */
export function limitSlackCalls(
  slack: SlackApi,
  budget: number,
  perMethod?: (method: string) => number,
): SlackApi {
  let used = 0;
  const usedByMethod = new Map<string, number>();
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
      return slack.call(method, args, token, options);
    },
  };
}
