import { type DocumentNode, Kind, parse, print, visit } from 'graphql';

/**
 * The printed subgraph schema minus Apollo Federation's machinery (`extend schema @link`, `@key`,
 * `@shareable`, … and their definitions): what a frontend sees through a supergraph or through
 * this gateway alone. Client tools that do not know federation (relay-compiler refuses schema
 * extensions) compile against this.
 * @see https://www.apollographql.com/docs/graphos/schema-design/federated-schemas/reference/directives
 */
export function toClientSchemaSdl(subgraphSdl: string): string {
  const document = parse(subgraphSdl);
  const federation = federationDirectiveNames(document);
  const stripped = visit(document, {
    SchemaExtension: () => null,
    DirectiveDefinition: (node) => (federation.has(node.name.value) ? null : undefined),
    Directive: (node) => (federation.has(node.name.value) ? null : undefined),
  });
  return `${print(stripped)}\n`;
}

/** The directives `@link` imports from a federation spec, by their local names. */
function federationDirectiveNames(document: DocumentNode): Set<string> {
  const names = new Set(['link']);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_EXTENSION && definition.kind !== Kind.SCHEMA_DEFINITION) {
      continue;
    }
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const imports = directive.arguments?.find((argument) => argument.name.value === 'import');
      if (imports?.value.kind !== Kind.LIST) continue;
      for (const value of imports.value.values) {
        if (value.kind === Kind.STRING) names.add(value.value.replace(/^@/, ''));
      }
    }
  }
  return names;
}
