/**
 * `npm run --silent schema:client > client-schema.graphql`: prints schema/schema.graphql without
 * Apollo Federation's directives, for client tools that do not know federation (relay-compiler).
 */
import { readFile } from 'node:fs/promises';
import { toClientSchemaSdl } from './client-schema.js';

const subgraph = await readFile(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
process.stdout.write(toClientSchemaSdl(subgraph));
