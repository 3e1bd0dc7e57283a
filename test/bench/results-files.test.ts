import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { emulatorThroughputFile, scenarioFile } from '../../bench/lib/report.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Whether git ignores `file` in this clone (`git check-ignore` exits 1 when it does not). */
async function ignored(file: URL): Promise<boolean> {
  try {
    await run('git', ['check-ignore', '-q', fileURLToPath(file)], { cwd: ROOT });
    return true;
  } catch {
    return false;
  }
}

describe('npm run bench:emulator', () => {
  it('writes a git-ignored file, so a run leaves the clone clean', async () => {
    expect(await ignored(emulatorThroughputFile(false))).toBe(true);
  });

  it('writes the tracked, published file only with --publish', async () => {
    expect(await ignored(emulatorThroughputFile(true))).toBe(false);
  });
});

describe('npm run bench', () => {
  it("keeps a partial (--only) run's scenario files out of git, and a full run's in it", async () => {
    expect(await ignored(scenarioFile('partial', 'peer-warm-reads-tailcall'))).toBe(true);
    expect(await ignored(scenarioFile('full', 'peer-warm-reads-tailcall'))).toBe(false);
  });
});

describe('npm run bench:peers', () => {
  it('installs into a git-ignored folder, outside the project dependencies', async () => {
    const installed = new URL('../../bench/.peers/tailcall/package.json', import.meta.url);
    expect(await ignored(installed)).toBe(true);
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const ours = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
    expect(
      ours.filter((name) => /tailcall|@graphql-mesh\/compose-cli|@omnigraph\//.test(name)),
    ).toEqual([]);
  });
});
