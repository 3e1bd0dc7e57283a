import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import {
  conversationScope,
  type ScopeNeed,
  type ScopeTypes,
  slackCostOf,
  type TokenKind,
} from '../graphql/slack-cost.js';
import { SLACK_CONVERSATION_TYPES, type SlackConversationType } from '../slack/wire-types.js';

export type { TokenKind } from '../graphql/slack-cost.js';

/** What a set of operations needs from one token kind. */
export interface ScopeReport {
  /** The least scopes, sorted. */
  scopes: string[];
  /** Scopes that only reveal values (e.g. `users:read.email` for `email`), also in `scopes`. */
  revealing: string[];
  /** Fields this token kind cannot run at all (`Type.field`), e.g. unarchive for bots. */
  unsupported: string[];
}

export interface ScopeOptions {
  /**
   * Conversation types the app reaches by ID (`conversation(id:)`, writes, a message's
   * conversation): their scope families are needed. @default ['public_channel']
   */
  conversationTypes?: readonly SlackConversationType[];
}

/** The `ConversationType` enum value of the schema for each Slack type. */
const ENUM_TYPES: Readonly<Record<string, SlackConversationType>> = {
  PUBLIC_CHANNEL: 'public_channel',
  PRIVATE_CHANNEL: 'private_channel',
  MPIM: 'mpim',
  IM: 'im',
};

interface Walk {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  token: TokenKind;
  byId: readonly SlackConversationType[];
  scopes: Set<string>;
  revealing: Set<string>;
  unsupported: Set<string>;
}

/**
 * The least Slack scopes a token of kind `token` needs to run every operation of `documents`,
 * read from the fields' declarations (src/graphql/slack-cost.ts). Every selected field counts
 * (`@skip`/`@include` may select it). A conversation list needs the read scope of each type in
 * its `types` argument (a literal; Slack's default PUBLIC_CHANNEL when absent; the by-ID types
 * when it is a variable); a conversation reached by ID needs the scopes of `conversationTypes`.
 */
export function requiredScopes(
  schema: GraphQLSchema,
  documents: readonly DocumentNode[],
  token: TokenKind,
  { conversationTypes = ['public_channel'] }: ScopeOptions = {},
): ScopeReport {
  const walk: Walk = {
    schema,
    fragments: new Map(),
    token,
    byId: conversationTypes,
    scopes: new Set(),
    revealing: new Set(),
    unsupported: new Set(),
  };
  for (const document of documents) {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        fragments.set(definition.name.value, definition);
      }
    }
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const root = schema.getRootType(definition.operation);
      if (root) visitSelections({ ...walk, fragments }, root, definition.selectionSet, new Set());
    }
  }
  return {
    scopes: [...walk.scopes].sort(),
    revealing: [...walk.revealing].sort(),
    unsupported: [...walk.unsupported].sort(),
  };
}

function visitSelections(
  walk: Walk,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragmentPath: ReadonlySet<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      visitField(walk, type, selection, fragmentPath);
      continue;
    }
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection
        : walk.fragments.get(selection.name.value);
    if (fragment === undefined) continue;
    if (selection.kind === Kind.FRAGMENT_SPREAD && fragmentPath.has(selection.name.value)) continue;
    const condition = fragment.typeCondition?.name.value;
    const target = condition === undefined ? type : walk.schema.getType(condition);
    if (!isCompositeType(target)) continue;
    const path =
      selection.kind === Kind.FRAGMENT_SPREAD
        ? new Set([...fragmentPath, selection.name.value])
        : fragmentPath;
    visitSelections(walk, target, fragment.selectionSet, path);
  }
}

function visitField(
  walk: Walk,
  parent: GraphQLCompositeType,
  node: FieldNode,
  fragmentPath: ReadonlySet<string>,
): void {
  // A field of an abstract type is a field of each of its possible types.
  const owners = isAbstractType(parent) ? walk.schema.getPossibleTypes(parent) : [parent];
  for (const owner of owners) {
    if (!isObjectType(owner)) continue;
    const field = owner.getFields()[node.name.value];
    if (field === undefined) continue;
    const needs = slackCostOf(field)?.scopes;
    if (needs !== undefined) {
      addNeed(walk, needs, node, `${owner.name}.${field.name}`);
      if (needs.byType !== undefined) {
        for (const typeName of namedTypes(walk, node.selectionSet, needs.byType)) {
          const need = needs.byType[typeName];
          if (need !== undefined) addNeed(walk, need, node, `${owner.name}.${field.name}`);
        }
      }
    }
    const named = getNamedType(field.type);
    if (node.selectionSet !== undefined && isCompositeType(named)) {
      visitSelections(walk, named, node.selectionSet, fragmentPath);
    }
  }
}

/**
 * The types an object-by-ID field (`node`, `nodes`, `_entities`) is asked about: those its
 * fragments name, or every type it may return when it names none.
 */
function namedTypes(
  walk: Walk,
  selectionSet: SelectionSetNode | undefined,
  byType: Readonly<Record<string, ScopeNeed>>,
): string[] {
  const named = new Set<string>();
  for (const selection of selectionSet?.selections ?? []) {
    const condition =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection.typeCondition?.name.value
        : selection.kind === Kind.FRAGMENT_SPREAD
          ? walk.fragments.get(selection.name.value)?.typeCondition.name.value
          : undefined;
    if (condition !== undefined && condition in byType) named.add(condition);
  }
  return named.size > 0 ? [...named] : Object.keys(byType);
}

function addNeed(walk: Walk, need: ScopeNeed, node: FieldNode, coordinate: string): void {
  if (need.tokens === 'user' && walk.token === 'bot') walk.unsupported.add(coordinate);
  for (const scope of need.fixed ?? []) walk.scopes.add(scope);
  for (const scope of need.reveals ?? []) {
    walk.scopes.add(scope);
    walk.revealing.add(scope);
  }
  if (need.conversations === undefined) return;
  const { access, types } = need.conversations;
  for (const type of conversationTypesOf(walk, types, node)) {
    walk.scopes.add(conversationScope(type, access, walk.token));
  }
}

/** The conversation types a field touches, as far as the document tells. */
function conversationTypesOf(
  walk: Walk,
  types: ScopeTypes,
  node: FieldNode,
): readonly SlackConversationType[] {
  switch (types) {
    case 'by-id':
      return walk.byId;
    case 'types-argument': {
      const value = argument(node, 'types');
      if (value === undefined) return ['public_channel'];
      const listed = literalEnums(value);
      return listed ?? walk.byId;
    }
    case 'is-private-input': {
      const isPrivate = inputField(node, 'isPrivate');
      if (isPrivate === undefined) return ['public_channel'];
      if (isPrivate.kind === Kind.BOOLEAN) {
        return [isPrivate.value ? 'private_channel' : 'public_channel'];
      }
      return ['public_channel', 'private_channel'];
    }
    case 'open-input': {
      const users = inputField(node, 'users');
      if (users?.kind === Kind.LIST) return [users.values.length > 1 ? 'mpim' : 'im'];
      return walk.byId.filter((type) => type === 'im' || type === 'mpim');
    }
  }
}

function argument(node: FieldNode, name: string): ValueNode | undefined {
  return node.arguments?.find((candidate) => candidate.name.value === name)?.value;
}

/** A field of the mutation's literal `input` object (`undefined` when absent or a variable). */
function inputField(node: FieldNode, name: string): ValueNode | undefined {
  const input = argument(node, 'input');
  if (input?.kind !== Kind.OBJECT) return undefined;
  return input.fields.find((field) => field.name.value === name)?.value;
}

/** The Slack types of a literal `[ConversationType!]` value; `undefined` for a variable. */
function literalEnums(value: ValueNode): SlackConversationType[] | undefined {
  const values = value.kind === Kind.LIST ? value.values : [value];
  const types: SlackConversationType[] = [];
  for (const item of values) {
    if (item.kind !== Kind.ENUM) return undefined;
    const type = ENUM_TYPES[item.value];
    if (type !== undefined) types.push(type);
  }
  return types;
}

/** Every conversation type, for `--types all`. */
export const ALL_CONVERSATION_TYPES: readonly SlackConversationType[] = SLACK_CONVERSATION_TYPES;
