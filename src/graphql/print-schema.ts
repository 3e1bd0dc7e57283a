import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import { schema } from './schema.js';

/** The committed SDL, relative to this file. */
export const SCHEMA_FILE = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

/**
 * The SDL exactly as committed, with a trailing newline: the subgraph schema a federation router
 * composes (`@link`, `@key`, `@shareable`; without `_entities`/`_service`), types sorted by name,
 * fields in declaration order.
 * @see https://www.apollographql.com/docs/graphos/reference/federation/subgraph-spec
 */
export function printedSchema(): string {
  return `${printSubgraphSchema(schema)}\n`;
}

/**
 * `npm run schema:print` writes schema/schema.graphql; `npm run schema:check` (`--check`) exits 1
 * when the committed file differs from the code.
 */
async function main(args: readonly string[]): Promise<number> {
  const printed = printedSchema();
  if (!args.includes('--check')) {
    await writeFile(SCHEMA_FILE, printed);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
    return 0;
  }
  const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
  if (committed === printed) return 0;
  process.stderr.write(
    'schema/schema.graphql is out of date with the code: run `npm run schema:print` and commit it.\n',
  );
  return 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
