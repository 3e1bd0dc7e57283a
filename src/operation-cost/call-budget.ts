import { GatewayError, type GatewayErrorCode } from '../errors.js';
import type { SlackApi } from '../slack/slack-api.js';

/** The code of both budget errors: the estimate before execution, the counter during it. */
export const BUDGET_EXCEEDED: GatewayErrorCode = 'SLACK_CALL_BUDGET_EXCEEDED';

/**
 * Counts the Slack calls of one request and refuses every call past `budget`, so an operation
 * whose real cost exceeds its estimate (sparse pages, long lists) still stops at the budget.
 * Wrap the `SlackApi` given to one request's loaders; calls they de-duplicate are not counted.
 */
export function limitSlackCalls(slack: SlackApi, budget: number): SlackApi {
  let used = 0;
  return {
    call(method, args, token) {
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
      return slack.call(method, args, token);
    },
  };
}
