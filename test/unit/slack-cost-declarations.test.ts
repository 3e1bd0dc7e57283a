import { type GraphQLField, getNamedType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema.js';
import { slackCostOf } from '../../src/graphql/slack-cost.js';

interface FieldAt {
  coordinate: string;
  field: GraphQLField<unknown, unknown>;
}

function everyField(): FieldAt[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
    .flatMap((type) =>
      isObjectType(type)
        ? Object.values(type.getFields()).map((field) => ({
            coordinate: `${type.name}.${field.name}`,
            field,
          }))
        : [],
    );
}

/**
 * The resolver as the field declared it (Pothos keeps it before its plugins wrap it); none for a
 * field that only exposes a property of its parent (`t.exposeString`).
 */
function declaredResolver(field: GraphQLField<unknown, unknown>): unknown {
  if (field.extensions.pothosExposedField !== undefined) return undefined;
  const config = field.extensions.pothosConfig as { resolve?: unknown } | undefined;
  return config?.resolve;
}

describe('per-field Slack cost declarations', () => {
  it('exist on every field whose resolver reads the context (and so may call Slack)', () => {
    const undeclared = everyField()
      .filter(({ field }) => {
        const resolve = declaredResolver(field);
        return typeof resolve === 'function' && resolve.length >= 3;
      })
      .filter(({ field }) => slackCostOf(field) === undefined)
      .map(({ coordinate }) => coordinate);
    // Relay's global IDs encode the parent's own ID.
    expect(undeclared).toEqual(['Conversation.id', 'Message.id', 'User.id']);
  });

  it('exist on every connection and every mutation', () => {
    const mutation = schema.getMutationType();
    const missing = everyField()
      .filter(
        ({ field, coordinate }) =>
          getNamedType(field.type).name.endsWith('Connection') ||
          (mutation !== null &&
            mutation !== undefined &&
            coordinate.startsWith(`${mutation.name}.`)),
      )
      .filter(({ field }) => slackCostOf(field) === undefined)
      .map(({ coordinate }) => coordinate);
    expect(missing).toEqual([]);
  });

  it('declare scopes on every field that makes a Slack call of its own', () => {
    const missing = everyField()
      .filter(({ field }) => {
        const cost = slackCostOf(field)?.cost;
        if (cost === undefined) return false;
        if (cost.kind === 'calls') return cost.calls > 0;
        // auth.test needs no scope.
        return cost.kind !== 'shared' || cost.call !== 'auth';
      })
      .filter(({ field }) => slackCostOf(field)?.scopes === undefined)
      .map(({ coordinate }) => coordinate);
    expect(missing).toEqual([]);
  });
});
