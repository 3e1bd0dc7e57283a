import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { GatewayErrorCode } from '../errors.js';

/** The shape limits of one operation, counted with every fragment spread expanded. */
export interface ShapeLimits {
  /** Deepest field nesting (introspection excluded: graphql's MaxIntrospectionDepthRule bounds it). */
  maxDepth: number;
  /** Aliased fields. */
  maxAliases: number;
  /** Directive uses (`@skip`, `@include`, …). */
  maxDirectives: number;
  /** Fields in total: bounds the work of validation, cost estimation and execution. */
  maxFields: number;
}

interface Shape {
  depth: number;
  aliases: number;
  directives: number;
  fields: number;
}

const EMPTY: Shape = { depth: 0, aliases: 0, directives: 0, fields: 0 };

/** Introspection roots: graphql's own MaxIntrospectionDepthRule limits what nests below them. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * One validation rule for all shape limits, so each operation is measured once. Fragments are
 * measured once and reused (linear time even for "fragment bombs"); a fragment cycle counts as
 * empty (NoFragmentCyclesRule reports it). Errors carry `extensions.code`, `limit` and `actual`.
 */
export function createShapeRule(limits: ShapeLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const shape = measureOperation(operation, (name) => context.getFragment(name));
      const checks: [keyof Shape, number, GatewayErrorCode, string][] = [
        ['depth', limits.maxDepth, 'QUERY_TOO_DEEP', 'is nested deeper than'],
        ['aliases', limits.maxAliases, 'TOO_MANY_ALIASES', 'uses more aliases than'],
        ['directives', limits.maxDirectives, 'TOO_MANY_DIRECTIVES', 'uses more directives than'],
        ['fields', limits.maxFields, 'TOO_MANY_FIELDS', 'selects more fields than'],
      ];
      for (const [key, limit, code, phrase] of checks) {
        if (shape[key] <= limit) continue;
        context.reportError(
          new GraphQLError(`The operation ${phrase} ${limit} (${key}: ${shape[key]}).`, {
            nodes: [operation],
            extensions: { code, limit, actual: shape[key] },
          }),
        );
      }
    },
  });
}

/** Measures an operation with its fragments expanded. */
function measureOperation(
  operation: OperationDefinitionNode,
  fragmentOf: (name: string) => FragmentDefinitionNode | null | undefined,
): Shape {
  const done = new Map<string, Shape>();
  const active = new Set<string>();

  const fragment = (name: string): Shape => {
    const known = done.get(name);
    if (known) return known;
    const definition = fragmentOf(name);
    if (!definition || active.has(name)) return EMPTY;
    active.add(name);
    const shape = selections(definition.selectionSet);
    shape.directives += definition.directives?.length ?? 0;
    active.delete(name);
    done.set(name, shape);
    return shape;
  };

  const selections = (set: SelectionSetNode): Shape => {
    const total: Shape = { ...EMPTY };
    for (const selection of set.selections) {
      let inner: Shape;
      const directives = selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        const child = selection.selectionSet ? selections(selection.selectionSet) : EMPTY;
        const introspection = INTROSPECTION_ROOTS.has(selection.name.value);
        inner = {
          depth: introspection ? 1 : child.depth + 1,
          aliases: child.aliases + (selection.alias ? 1 : 0),
          directives: child.directives + directives,
          fields: child.fields + 1,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const child = selections(selection.selectionSet);
        inner = { ...child, directives: child.directives + directives };
      } else {
        const child = fragment(selection.name.value);
        inner = { ...child, directives: child.directives + directives };
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.aliases += inner.aliases;
      total.directives += inner.directives;
      total.fields += inner.fields;
    }
    return total;
  };

  const shape = selections(operation.selectionSet);
  shape.directives += operation.directives?.length ?? 0;
  return shape;
}
