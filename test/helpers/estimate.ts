import { type DocumentNode, getOperationAST, getVariableValues, parse } from 'graphql';
import { schema } from '../../src/graphql/schema.js';
import type { CostSettings } from '../../src/operation-cost/cost-model.js';
import { estimateSlackCalls } from '../../src/operation-cost/estimate-calls.js';

/**
 * The gateway's Slack-call estimate of an operation (a document or its text) with `variables`,
 * for a listed app unless `settings` say otherwise.
 */
export function estimateOf(
  source: string | DocumentNode,
  variables: Record<string, unknown> = {},
  settings?: CostSettings,
): number {
  const document = typeof source === 'string' ? parse(source) : source;
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  return estimateSlackCalls({ schema, document, operation, variables: coerced.coerced, settings });
}
