import {
  type DocumentNode,
  Kind,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';

/** Keys longer than this are not remembered: computing such an estimate again is cheaper. */
export const MAX_MEMO_KEY_CHARS = 512;

/** What the whole memo may hold, in (approximate) bytes: keys count twice (UTF-16) plus overhead. */
const MEMO_MAX_BYTES = 1024 * 1024;

/** Bytes counted per entry besides its key (the cache slot and the number). */
const ENTRY_OVERHEAD_BYTES = 64;

/** An estimate remembered by document, operation and the values of its declared variables. */
export interface EstimateMemo {
  /** The remembered estimate; `null` when none (unknown, or never computed). */
  lookup(key: string): number | undefined | null;
  remember(key: string, estimate: number | undefined): void;
  /** Approximate bytes held (for tests and docs). */
  readonly bytes: number;
}

const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

/**
 * The memo key of an estimate, or `undefined` when it is not worth remembering. The estimate
 * depends only on the operation and the variables it declares (graphql ignores the others), so
 * undeclared variables never reach the key; a key over `MAX_MEMO_KEY_CHARS` (large inputs such as
 * long ID lists) is not remembered, so no request can make the memo keep much of what it sent.
 */
export function estimateKey(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): string | undefined {
  let id = documentIds.get(document);
  if (id === undefined) {
    id = nextDocumentId++;
    documentIds.set(document, id);
  }
  const declared: unknown[] = [];
  let budget = MAX_MEMO_KEY_CHARS;
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const value = variables?.[name];
    const text =
      value === undefined ? '' : (identifierClass(definition, value) ?? shallowJson(value, budget));
    if (text === undefined) return undefined;
    budget -= text.length;
    declared.push(text);
  }
  const key = JSON.stringify([id, operation.name?.value ?? null, declared]);
  return key.length > MAX_MEMO_KEY_CHARS ? undefined : key;
}

/** What stands for every value of an `ID` or `String` variable that coerces (see below). */
const COERCIBLE_IDENTIFIER = '"identifier"';

/**
 * For a variable declared as `ID` or `String` (not a list), the class of `value` that decides
 * the estimate; `undefined` for other variables. Such a value can only reach scalar arguments
 * (validation refuses it in a list or `Int` position), and the cost model reads no scalar but
 * `first`: what counts is only whether the value coerces. So `conversation(id: $id)` for a
 * hundred different conversations is estimated once, and remembered as one entry. Values that
 * do not coerce keep their own key.
 */
function identifierClass(definition: VariableDefinitionNode, value: unknown): string | undefined {
  const type = definition.type.kind === Kind.NON_NULL_TYPE ? definition.type.type : definition.type;
  if (type.kind !== Kind.NAMED_TYPE) return undefined;
  const scalar = type.name.value;
  if (scalar !== 'ID' && scalar !== 'String') return undefined;
  if (value === null) return 'null';
  const coerces =
    typeof value === 'string' || (scalar === 'ID' && Number.isInteger(value as number));
  return coerces ? COERCIBLE_IDENTIFIER : undefined;
}

/**
 * `JSON.stringify(value)` if it is at most `limit` characters and nested at most a few levels,
 * else `undefined`; never recurses deeply (a 45,000-level value must not overflow the stack).
 */
function shallowJson(value: unknown, limit: number): string | undefined {
  if (limit <= 0 || nestedDeeperThan(value, 8)) return undefined;
  const text = JSON.stringify(value);
  return text.length > limit ? undefined : text;
}

/** Whether `value` nests deeper than `depth` arrays/objects; iterative. */
function nestedDeeperThan(value: unknown, depth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let visited = 0;
  while (stack.length > 0) {
    const [current, level] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (level >= depth || ++visited > 1_000) return true;
    for (const child of Object.values(current)) stack.push([child, level + 1]);
  }
  return false;
}

/**
 * A memo bounded as a whole, in bytes, forgetting the least recently used entry first (lru-cache).
 * One per gateway (one schema), shared by every document.
 */
export function createEstimateMemo(maxBytes = MEMO_MAX_BYTES): EstimateMemo {
  // lru-cache keeps no `undefined` value: each estimate, even `undefined` (none), is wrapped.
  const entries = new LRUCache<string, { estimate: number | undefined }>({
    maxSize: maxBytes,
    sizeCalculation: (_, key) => key.length * 2 + ENTRY_OVERHEAD_BYTES,
  });
  return {
    lookup: (key) => {
      const entry = entries.get(key);
      return entry === undefined ? null : entry.estimate;
    },
    remember(key, estimate) {
      if (!entries.has(key)) entries.set(key, { estimate });
    },
    get bytes() {
      return entries.calculatedSize;
    },
  };
}
