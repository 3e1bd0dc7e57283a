import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { toClientSchemaSdl } from '../../src/client-tooling/client-schema.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
/** The binary relay-compiler ships for this platform (its `bin` picks the same one). */
const RELAY_BIN = join(root, 'node_modules/.bin/relay-compiler');
const FIXTURES = join(root, 'test/clients/relay');

export interface RelayResult {
  ok: boolean;
  output: string;
  /** The compiled artifacts by name, e.g. `UserConversationsPaginationQuery`. */
  artifacts: ReadonlyMap<string, RelayArtifact>;
}

/** The part of a Relay artifact the tests read. */
export interface RelayArtifact {
  kind: string;
  params?: { text: string; name: string };
  metadata?: { refetch?: { operation: unknown } };
}

/**
 * Compiles the fixture documents of test/clients/relay (plus `extra` ones) with the real
 * relay-compiler against the client view of schema/schema.graphql, in a fresh directory: each
 * `.graphql` fixture becomes a module holding one `graphql` tagged template, as in a Relay app.
 */
export async function compileRelayProject(
  extra: Readonly<Record<string, string>> = {},
): Promise<RelayResult> {
  const dir = await mkdtemp(join(tmpdir(), 'relay-'));
  await mkdir(join(dir, 'src'));
  await mkdir(join(dir, '__generated__'));
  const subgraph = await readFile(join(root, 'schema/schema.graphql'), 'utf8');
  await writeFile(join(dir, 'schema.graphql'), toClientSchemaSdl(subgraph));
  await writeFile(
    join(dir, 'relay.config.json'),
    JSON.stringify({
      src: './src',
      schema: './schema.graphql',
      language: 'javascript',
      artifactDirectory: './__generated__',
    }),
  );
  const fixtures: Record<string, string> = {};
  for (const file of await readdir(FIXTURES)) {
    if (file.endsWith('.graphql')) {
      fixtures[basename(file, '.graphql')] = await readFile(join(FIXTURES, file), 'utf8');
    }
  }
  for (const [name, text] of Object.entries({ ...fixtures, ...extra })) {
    await writeFile(join(dir, 'src', `${name}.js`), `graphql\`\n${text}\`;\n`);
  }
  let ok = true;
  let output: string;
  try {
    const result = await run(RELAY_BIN, [], { cwd: dir });
    output = result.stdout + result.stderr;
  } catch (error) {
    ok = false;
    const failed = error as { stdout?: string; stderr?: string };
    output = `${failed.stdout ?? ''}${failed.stderr ?? ''}`;
  }
  // The artifacts are ES modules (`export default node`).
  await writeFile(join(dir, '__generated__', 'package.json'), '{ "type": "module" }');
  const artifacts = new Map<string, RelayArtifact>();
  for (const file of await readdir(join(dir, '__generated__'))) {
    if (file.endsWith('.graphql.js')) {
      const url = pathToFileURL(join(dir, '__generated__', file)).href;
      const module = (await import(url)) as { default: RelayArtifact };
      artifacts.set(basename(file, '.graphql.js'), module.default);
    }
  }
  return { ok, output, artifacts };
}
