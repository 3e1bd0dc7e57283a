import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const SKIP = new Set(['node_modules', '.git', 'results']);

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.(ts|md)$/.test(entry.name) ? [path] : [];
  });
}

/** GitHub's anchor of a Markdown heading. */
const slug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

const anchorsOf = (path: string): Set<string> =>
  new Set(
    [...readFileSync(join(root, path), 'utf8').matchAll(/^#+ (.+)$/gm)].map((match) =>
      slug(match[1] as string),
    ),
  );

const sources = ['README.md', ...['src', 'test', 'bench', 'docs', 'examples'].flatMap(files)];

describe('references inside the repository', () => {
  it('name no file outside it', () => {
    const outside = sources.filter((path) =>
      /REFERENCE\.md|\/work\/|shared\/slack-api/.test(readFileSync(join(root, path), 'utf8')),
    );
    expect(outside.filter((path) => path !== 'test/unit/doc-references.test.ts')).toEqual([]);
  });

  it('point at docs files and headings that exist', () => {
    const broken: string[] = [];
    for (const path of sources) {
      const text = readFileSync(join(root, path), 'utf8');
      const targets = [
        // Code comments cite docs/<file>.md#<anchor> from the repository root.
        ...[...text.matchAll(/\b(docs\/[\w-]+\.md)(#[\w-]+)?/g)].map((m) => [m[1], m[2]]),
        // Markdown links are relative to their own file.
        ...[...text.matchAll(/\]\(([\w./-]+\.md)(#[\w-]+)?\)/g)].map((m) => [
          normalize(join(dirname(path), m[1] as string)),
          m[2],
        ]),
      ];
      for (const [target, anchor] of targets) {
        const file = target as string;
        if (!existsSync(join(root, file))) broken.push(`${path} → ${file}`);
        else if (anchor !== undefined && !anchorsOf(file).has(anchor.slice(1))) {
          broken.push(`${path} → ${file}${anchor}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
