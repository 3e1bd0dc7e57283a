import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import {
  type CostEnv,
  type CostSettings,
  fieldCost as declaredCost,
  objectCalls,
  ROOT_ENV,
  UNKNOWN_LIST_LENGTH,
} from './cost-model.js';

interface EstimateInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** Coerced variable values (graphql's `getVariableValues`). */
  variables: Readonly<Record<string, unknown>>;
  /** @default a listed app (`unlistedApp: false`) */
  settings?: CostSettings | undefined;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Readonly<Record<string, unknown>>;
  settings: CostSettings;
}

/**
 * The worst-case number of Slack calls `operation` can cause, per the cost model of
 * `cost-model.ts` (the fields' own declarations). `@skip`/`@include` are honoured (their values are known before execution);
 * a field whose arguments do not coerce counts nothing (execution refuses it without a call).
 */
export function estimateSlackCalls({
  schema,
  document,
  operation,
  variables,
  settings = { unlistedApp: false },
}: EstimateInput): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const walk: Walk = { schema, fragments, variables, settings };
  return selectionCost(walk, root, [operation.selectionSet], ROOT_ENV, new Set());
}

/** Calls of the selections on an object of `type`. */
function selectionCost(
  walk: Walk,
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
  env: CostEnv,
  fragmentPath: ReadonlySet<string>,
): number {
  const fields = new Map<string, FieldNode[]>();
  for (const set of selectionSets) collectFields(walk, type, set, fields, fragmentPath);
  const names = new Set([...fields.values()].map((nodes) => (nodes[0] as FieldNode).name.value));
  let total = objectCalls(type, names, env);
  for (const nodes of fields.values()) total += fieldCost(walk, type, nodes, env, fragmentPath);
  return total;
}

function fieldCost(
  walk: Walk,
  parent: GraphQLObjectType,
  nodes: readonly FieldNode[],
  env: CostEnv,
  fragmentPath: ReadonlySet<string>,
): number {
  const node = nodes[0] as FieldNode;
  const name = node.name.value;
  if (name.startsWith('__')) return 0;
  const definition = parent.getFields()[name];
  if (!definition) return 0;
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(definition, node, walk.variables);
  } catch {
    return 0;
  }
  const cost = declaredCost(definition, args, env, walk.settings);
  const childSets = nodes.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  if (childSets.length === 0) return cost.calls;
  const childEnv: CostEnv = { ...env, ...cost.env };
  const isList = isListType(getNullableType(definition.type));
  // A rule's `items` on a field that is not a list is a connection's `first`.
  const isConnection = cost.items !== undefined && !isList;
  const items = cost.items ?? (isList ? UNKNOWN_LIST_LENGTH : 1);
  if (items === 0) return cost.calls;
  const type = getNamedType(definition.type);
  const each = outputCost(walk, type, childSets, childEnv, fragmentPath, isConnection);
  return cost.calls + items * each;
}

/**
 * Calls of one returned value. For a connection (`items` came from `first` on a non-list
 * field), the multiplication already happened, so `edges` is walked as a single item.
 */
function outputCost(
  walk: Walk,
  type: ReturnType<typeof getNamedType>,
  selectionSets: readonly SelectionSetNode[],
  env: CostEnv,
  fragmentPath: ReadonlySet<string>,
  isConnection: boolean,
): number {
  if (isConnection && isObjectType(type))
    return connectionItemCost(walk, type, selectionSets, env, fragmentPath);
  if (isObjectType(type)) return selectionCost(walk, type, selectionSets, env, fragmentPath);
  if (isAbstractType(type)) {
    let worst = 0;
    for (const possible of walk.schema.getPossibleTypes(type)) {
      worst = Math.max(worst, selectionCost(walk, possible, selectionSets, env, fragmentPath));
    }
    return worst;
  }
  return 0;
}

/** The cost of one node of a connection: whatever `edges { node { … } }` selects, per alias. */
function connectionItemCost(
  walk: Walk,
  connectionType: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
  env: CostEnv,
  fragmentPath: ReadonlySet<string>,
): number {
  const fields = new Map<string, FieldNode[]>();
  for (const set of selectionSets) collectFields(walk, connectionType, set, fields, fragmentPath);
  let total = 0;
  for (const nodes of fields.values()) {
    const field = connectionType.getFields()[(nodes[0] as FieldNode).name.value];
    if (!field || (nodes[0] as FieldNode).name.value !== 'edges') continue;
    const edgeType = getNamedType(field.type);
    if (!isObjectType(edgeType)) continue;
    const edgeSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
    const edgeFields = new Map<string, FieldNode[]>();
    for (const set of edgeSets) collectFields(walk, edgeType, set, edgeFields, fragmentPath);
    for (const edgeNodes of edgeFields.values()) {
      const nodeField = edgeType.getFields()[(edgeNodes[0] as FieldNode).name.value];
      if (!nodeField || (edgeNodes[0] as FieldNode).name.value !== 'node') continue;
      const nodeSets = edgeNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
      total += outputCost(walk, getNamedType(nodeField.type), nodeSets, env, fragmentPath, false);
    }
  }
  return total;
}

/**
 * Groups the fields selected on an object of `type` by response key, like graphql's
 * CollectFields: fragments apply when their type condition matches, `@skip`/`@include` are
 * honoured, and a fragment spread inside itself is ignored (validation refuses cycles anyway).
 */
function collectFields(
  walk: Walk,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  into: Map<string, FieldNode[]>,
  fragmentPath: ReadonlySet<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!included(walk, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      into.set(key, [...(into.get(key) ?? []), selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(walk, type, selection.typeCondition?.name.value)) {
        collectFields(walk, type, selection.selectionSet, into, fragmentPath);
      }
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      if (!fragment || fragmentPath.has(name)) continue;
      if (applies(walk, type, fragment.typeCondition.name.value)) {
        collectFields(walk, type, fragment.selectionSet, into, new Set([...fragmentPath, name]));
      }
    }
  }
}

function applies(walk: Walk, type: GraphQLObjectType, condition: string | undefined): boolean {
  if (condition === undefined || condition === type.name) return true;
  const conditionType = walk.schema.getType(condition);
  return isAbstractType(conditionType) && walk.schema.isSubType(conditionType, type);
}

function included(walk: Walk, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false;
  } catch {
    return true;
  }
}
