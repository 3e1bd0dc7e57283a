import {
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';

/**
 * The static cost of an operation as the IBM GraphQL cost specification (and Apollo Router's
 * demand control, which implements it) computes it from a schema's `@cost`/`@listSize`, written
 * out for tests: a field costs its weight (its `@cost`, else its type's, else 1 for an object,
 * interface or union and 0 for a scalar or enum) plus what its selection costs; a list multiplies
 * that by its size, which `@listSize` gives from the largest slicing argument present, else
 * `assumedSize`, else `defaultListSize`; with `sizedFields`, the size multiplies those child
 * fields instead of the field. An abstract type costs the most expensive of its possible types.
 * Weights are integers here, so no rounding is involved. The operation's own base cost (Apollo
 * Router adds 10 for a mutation) is left out: it is a router setting, not the subgraph's.
 * @see https://ibm.github.io/graphql-specs/cost-spec.html
 */
export function specCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> = {},
  defaultListSize = 10,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: SelectionSetNode | undefined;
  let root: GraphQLCompositeType | null | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    } else if (definition.kind === Kind.OPERATION_DEFINITION) {
      operation = definition.selectionSet;
      root = schema.getRootType(definition.operation);
    }
  }
  if (operation === undefined || !root) throw new Error('no operation');

  const directive = (
    nodes: readonly ConstDirectiveNode[] | undefined,
    name: string,
  ): Record<string, unknown> | undefined => {
    const found = nodes?.find((node) => node.name.value === name);
    if (found === undefined) return undefined;
    return Object.fromEntries(
      (found.arguments ?? []).map((argument) => [
        argument.name.value,
        valueFromASTUntyped(argument.value, variables),
      ]),
    );
  };

  const typeWeight = (type: GraphQLNamedType): number => {
    const weight = directive(type.astNode?.directives, 'cost')?.weight;
    if (typeof weight === 'number') return weight;
    return isCompositeType(type) ? 1 : 0;
  };

  const fieldsOf = (type: GraphQLCompositeType, set: SelectionSetNode): FieldNode[] =>
    set.selections.flatMap((selection) => {
      if (skipped(selection.directives, variables)) return [];
      if (selection.kind === Kind.FIELD) return [selection];
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (fragment === undefined) return [];
      const condition = fragment.typeCondition?.name.value;
      if (condition !== undefined && !applies(schema, type, condition)) return [];
      return fieldsOf(type, fragment.selectionSet);
    });

  const selectionCost = (
    type: GraphQLCompositeType,
    set: SelectionSetNode,
    sized: ReadonlyMap<string, number>,
  ): number => {
    if (isAbstractType(type)) {
      return Math.max(
        0,
        ...schema.getPossibleTypes(type).map((possible) => selectionCost(possible, set, sized)),
      );
    }
    if (!isObjectType(type)) return 0;
    let total = 0;
    for (const node of fieldsOf(type, set)) {
      const field = type.getFields()[node.name.value];
      if (field === undefined) continue; // __typename and introspection
      total += fieldCost(field, node, sized.get(node.name.value));
    }
    return total;
  };

  const fieldCost = (
    field: GraphQLField<unknown, unknown>,
    node: FieldNode,
    sizeFromParent: number | undefined,
  ): number => {
    const named = getNamedType(field.type);
    const own = directive(field.astNode?.directives, 'cost')?.weight;
    const weight = typeof own === 'number' ? own : typeWeight(named);
    const listSize = directive(field.astNode?.directives, 'listSize');
    const size = sizeFromParent ?? sizeOf(listSize, node, defaultListSize, variables);
    const sizedFields = (listSize?.sizedFields as string[] | undefined) ?? [];
    const children =
      node.selectionSet !== undefined && isCompositeType(named)
        ? selectionCost(
            named,
            node.selectionSet,
            new Map(sizedFields.map((name) => [name, size] as const)),
          )
        : 0;
    if (sizedFields.length > 0) return weight + children;
    return isListType(getNullableType(field.type)) ? size * (weight + children) : weight + children;
  };

  return selectionCost(root, operation, new Map());
}

function sizeOf(
  listSize: Record<string, unknown> | undefined,
  node: FieldNode,
  defaultListSize: number,
  variables: Readonly<Record<string, unknown>>,
): number {
  const slicing = (listSize?.slicingArguments as string[] | undefined) ?? [];
  const given = (node.arguments ?? [])
    .filter((argument) => slicing.includes(argument.name.value))
    .map((argument) => valueFromASTUntyped(argument.value, variables))
    .filter((value): value is number => typeof value === 'number');
  if (given.length > 0) return Math.max(...given);
  const assumed = listSize?.assumedSize;
  return typeof assumed === 'number' ? assumed : defaultListSize;
}

function applies(schema: GraphQLSchema, type: GraphQLCompositeType, condition: string): boolean {
  if (condition === type.name) return true;
  const conditionType = schema.getType(condition);
  return (
    conditionType !== undefined &&
    isAbstractType(conditionType) &&
    isObjectType(type) &&
    schema.isSubType(conditionType, type)
  );
}

function skipped(
  directives: readonly { name: { value: string }; arguments?: readonly unknown[] }[] | undefined,
  variables: Readonly<Record<string, unknown>>,
): boolean {
  for (const directive of directives ?? []) {
    const argument = (
      directive.arguments as readonly { name: { value: string }; value: never }[] | undefined
    )?.find((candidate) => candidate.name.value === 'if');
    if (argument === undefined) continue;
    const value = valueFromASTUntyped(argument.value, variables);
    if (directive.name.value === 'skip' && value === true) return true;
    if (directive.name.value === 'include' && value === false) return true;
  }
  return false;
}
