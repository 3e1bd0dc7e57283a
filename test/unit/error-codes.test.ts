import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLACK_ERROR_CODES } from '../../src/emulator/protocol/error-codes.js';
import { GATEWAY_ERROR_CODES } from '../../src/errors.js';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

/** The text of a Markdown section, from its heading to the next heading of any level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  expect(start, `${heading} is missing`).toBeGreaterThanOrEqual(0);
  const rest = markdown.slice(start + heading.length + 2);
  const end = rest.search(/^#/m);
  return end === -1 ? rest : rest.slice(0, end);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

describe('the gateway error codes', () => {
  it('are the codes of the error table in docs/schema.md, besides Slack’s own', () => {
    const rows = section(read('docs/schema.md'), '## Errors')
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    const documented = rows.flatMap((row) =>
      [...(row.split('|')[1] ?? '').matchAll(/`([A-Z_]+)`/g)].map((match) => match[1]),
    );
    expect(documented.sort()).toEqual([...GATEWAY_ERROR_CODES].sort());
  });
});

describe('the emulator error codes', () => {
  it('are the codes docs/emulator.md lists', () => {
    const listed = [
      ...section(read('docs/emulator.md'), '### Error codes').matchAll(/`([a-z_]+)`/g),
    ].map((match) => match[1]);
    expect(listed).toEqual([...SLACK_ERROR_CODES]);
  });

  it('include every code the emulator source writes as a literal', () => {
    const written = new Set<string>();
    for (const file of sourceFiles('src/emulator')) {
      const text = read(file);
      for (const match of text.matchAll(/(?:error: |SlackApiError\()'([a-z_]+)'/g)) {
        written.add(match[1] as string);
      }
    }
    expect(written.size).toBeGreaterThan(40);
    expect(
      [...written].filter((code) => !(SLACK_ERROR_CODES as readonly string[]).includes(code)),
    ).toEqual([]);
  });
});
