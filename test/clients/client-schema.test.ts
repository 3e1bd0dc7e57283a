import { readFile } from 'node:fs/promises';
import { buildSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { toClientSchemaSdl } from '../../src/client-tooling/client-schema.js';

describe('toClientSchemaSdl', () => {
  it('turns the committed subgraph schema into a plain schema that builds', async () => {
    const subgraph = await readFile(
      new URL('../../schema/schema.graphql', import.meta.url),
      'utf8',
    );
    const client = toClientSchemaSdl(subgraph);
    expect(client).not.toMatch(/@(link|key|shareable)\b|extend schema/);
    const built = buildSchema(client);
    expect(built.getQueryType()?.getFields().node).toBeDefined();
    expect(built.getType('Conversation')).toBeDefined();
  });

  it('drops only the directives @link imports, under their local names', () => {
    const sdl = `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
      type Query { a: A @deprecated(reason: "no") }
      type A @key(fields: "id") @shareable { id: ID! }
    `;
    expect(printSchema(buildSchema(toClientSchemaSdl(sdl)))).toBe(
      printSchema(buildSchema('type Query { a: A @deprecated(reason: "no") } type A { id: ID! }')),
    );
  });
});
