import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createShapeRule } from '../../src/operation-cost/shape-rules.js';

const schema = buildSchema(`
  type Query { node: Node, name: String }
  type Node { child: Node, name: String }
`);
const rule = createShapeRule({ maxDepth: 3, maxAliases: 2, maxDirectives: 2, maxFields: 20 });

function codes(source: string): unknown[] {
  return validate(schema, parse(source), [...specifiedRules, rule]).map(
    (error) => error.extensions.code,
  );
}

describe('the operation shape limits', () => {
  it('allows an operation at each limit', () => {
    expect(codes('{ a: node { b: child { name @skip(if: false) @include(if: true) } } }')).toEqual(
      [],
    );
  });

  it('refuses one level too deep, counting through fragments', () => {
    expect(codes('{ node { ...F } } fragment F on Node { child { child { name } } }')).toEqual([
      'QUERY_TOO_DEEP',
    ]);
  });

  it('counts aliases and directives of a fragment at every use', () => {
    const source =
      '{ node { ...F ...G } } fragment F on Node { a: name } fragment G on Node { ...F b: name }';
    expect(codes(source)).toEqual(['TOO_MANY_ALIASES']);
    expect(
      codes('{ node { ...F ...F ...F } } fragment F on Node { name @skip(if: false) }'),
    ).toEqual(['TOO_MANY_DIRECTIVES']);
  });

  it('measures a fragment bomb without expanding it', () => {
    const fragments = Array.from(
      { length: 40 },
      (_, index) =>
        `fragment F${index} on Node { a: child { ...F${index + 1} } b: child { ...F${index + 1} } }`,
    ).join('\n');
    const source = `{ node { ...F0 } } ${fragments} fragment F40 on Node { name }`;
    const errors = validate(schema, parse(source), [rule]);
    expect(errors.map((error) => error.extensions.code)).toEqual([
      'QUERY_TOO_DEEP',
      'TOO_MANY_ALIASES',
      'TOO_MANY_FIELDS',
    ]);
    expect(errors[2]?.extensions.actual).toBeGreaterThan(2 ** 40);
  });

  it('leaves introspection to graphql’s own depth rule', () => {
    expect(codes(getIntrospectionQuery())).not.toContain('QUERY_TOO_DEEP');
  });

  it('refuses too many fields', () => {
    const fields = Array.from({ length: 21 }, (_, index) => `f${index}: name`).join(' ');
    const big = createShapeRule({ maxDepth: 3, maxAliases: 100, maxDirectives: 2, maxFields: 20 });
    const errors = validate(schema, parse(`{ ${fields} }`), [big]);
    expect(errors.map((error) => error.extensions.code)).toEqual(['TOO_MANY_FIELDS']);
    expect(errors[0]?.extensions).toMatchObject({ limit: 20, actual: 21 });
  });
});
