import { AsyncLocalStorage } from 'node:async_hooks';
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
 * A call's retries count too (`chargeSlackRetry`, asked by the Slack client): every attempt Slack
 * sees is spent from the same budget, so failing upstreams cannot multiply an operation's calls.
 */
export function limitSlackCalls(
  slack: SlackApi,
  budget: number,
  perMethod?: (method: string) => number,
): SlackApi {
  let used = 0;
  const usedByMethod = new Map<string, number>();
  const counter: AttemptCounter = {
    charge(method) {
      const methodUsed = usedByMethod.get(method) ?? 0;
      const methodLimit = perMethod?.(method);
      if (used >= budget || (methodLimit !== undefined && methodUsed >= methodLimit)) return false;
      used += 1;
      usedByMethod.set(method, methodUsed + 1);
      return true;
    },
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
      return currentCounter.run(counter, () => slack.call(method, args, token, options));
    },
  };
}

interface AttemptCounter {
  /** Spends one call of `method`; false when the budget or the method's share is used up. */
  charge(method: string): boolean;
}

/** The budget of the request whose call is running (a shared flight charges the one that sent it). */
const currentCounter = new AsyncLocalStorage<AttemptCounter>();

/**
 * For the Slack client, before it repeats an attempt of `method`: spends one call of the
 * running request's budget, or answers false (do not retry) when it is used up. Calls outside
 * any request (webhooks, the emulator-free paths) have no budget and may retry.
 */
export function chargeSlackRetry(method: string): boolean {
  return currentCounter.getStore()?.charge(method) ?? true;
}
