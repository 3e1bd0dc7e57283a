import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  getOperationAST,
  getVariableValues,
  type OperationDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayErrorCode } from '../errors.js';
import { BUDGET_EXCEEDED } from './call-budget.js';
import type { CostSettings } from './cost-model.js';
import { estimateSlackCalls } from './estimate-calls.js';
import { createEstimateMemo, type EstimateMemo, estimateKey } from './estimate-memo.js';
import { createShapeRule, type ShapeLimits } from './shape-rules.js';
import { ledgerOf } from './slack-cost-ledger.js';

export interface OperationLimits extends ShapeLimits {
  /** Lexical tokens a document may have; graphql's parser stops at the first one over. */
  maxTokens: number;
  /** Slack calls one operation may cause (estimated before, counted during execution). */
  slackCallBudget: number;
}

/** A request error (no `data`): 400 with `application/graphql-response+json`, like validation. */
const REQUEST_ERROR_HTTP = { spec: true, status: 400 };

/**
 * Refuses hostile operations before they cost anything: too many tokens (while parsing), too
 * deep, too many aliases, directives or fields (validation, cached per document by yoga), and
 * a worst-case Slack-call estimate over the budget (before execution, as it depends on
 * variables such as `first`). The counter that holds the budget during execution is
 * `limitSlackCalls` (src/operation-cost/call-budget.ts), applied per request in the context.
 * @see https://the-guild.dev/graphql/envelop/docs/plugins/lifecycle
 */
export function useOperationLimits(
  limits: OperationLimits,
  settings: CostSettings = { unlistedApp: false },
): Plugin {
  const shapeRule = createShapeRule(limits);
  /**
   * Estimates by operation and declared variables, for this gateway (one schema, one
   * configuration): a polling client repeats both. Bounded in bytes, whatever the requests send
   * (src/operation-cost/estimate-memo.ts).
   */
  const estimates = createEstimateMemo();
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parseFn(source, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          throw tokenLimitError(error, limits.maxTokens) ?? error;
        }
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(shapeRule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = overBudget(estimates, args, limits.slackCallBudget, settings);
      if (refusal !== undefined) setResultAndStopExecution(refusal);
    },
    // A subscription is estimated at subscribe time, before its start checks reach Slack: the
    // estimate is what each event's resolution may cost, and each event then runs with fresh
    // loaders under its own budget (`renewLoaders`, src/http/context.ts).
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = overBudget(estimates, args, limits.slackCallBudget, settings);
      if (refusal !== undefined) setResultAndStopExecution(refusal);
    },
  };
}

/**
 * Records the operation's estimate in its request's ledger and answers the refusal when it is
 * over `budget`; `undefined` lets the operation run.
 */
function overBudget(
  estimates: EstimateMemo,
  args: ExecutionArgs,
  budget: number,
  settings: CostSettings,
): ExecutionResult | undefined {
  const estimate = rememberedEstimate(estimates, args, settings);
  if (estimate !== undefined) ledgerOf(args.contextValue as object).estimated(estimate, budget);
  if (estimate === undefined || estimate <= budget) return undefined;
  return {
    errors: [
      new GraphQLError(
        `This operation could cost up to ${estimate} Slack calls; the budget is ${budget}. Ask for fewer items (first) or fewer nested connections.`,
        {
          extensions: { code: BUDGET_EXCEEDED, estimate, budget, http: REQUEST_ERROR_HTTP },
        },
      ),
    ],
  };
}

/** `estimateOperation`, remembered when its key is small (see `estimateKey`). */
function rememberedEstimate(
  estimates: EstimateMemo,
  args: ExecutionArgs,
  settings: CostSettings,
): number | undefined {
  const document = args.document as DocumentNode;
  const operation = getOperationAST(document, args.operationName);
  if (!operation) return undefined;
  const key = estimateKey(document, operation, args.variableValues);
  const known = key === undefined ? null : estimates.lookup(key);
  if (known !== null) return known;
  const estimate = estimateOperation(args, operation, settings);
  if (key !== undefined) estimates.remember(key, estimate);
  return estimate;
}

/**
 * The estimate for the operation about to run, or `undefined` when execution will refuse it
 * anyway without a Slack call (variables that do not coerce).
 */
function estimateOperation(
  args: ExecutionArgs,
  operation: OperationDefinitionNode,
  settings: CostSettings,
): number | undefined {
  const coerced = getVariableValues(
    args.schema,
    operation.variableDefinitions ?? [],
    args.variableValues ?? {},
    { maxErrors: 1 },
  );
  if (coerced.errors) return undefined;
  return estimateSlackCalls({
    schema: args.schema,
    document: args.document,
    operation,
    variables: coerced.coerced,
    settings,
  });
}

/**
 * graphql's parser reports the token limit as a syntax error (graphql 16 spells it "more that");
 * give it its own code.
 */
function tokenLimitError(error: unknown, maxTokens: number): GraphQLError | undefined {
  if (
    !(error instanceof GraphQLError) ||
    !/contains more th(?:an|at) \d+ tokens/.test(error.message)
  ) {
    return undefined;
  }
  return new GraphQLError(`The document has more than ${maxTokens} tokens.`, {
    source: error.source,
    positions: error.positions,
    extensions: {
      code: 'TOO_MANY_TOKENS' satisfies GatewayErrorCode,
      limit: maxTokens,
      http: REQUEST_ERROR_HTTP,
    },
  });
}
