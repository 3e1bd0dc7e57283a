import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { demoWorkspace } from './demo-workspace.js';
import { validateWorkspaceFile } from './validate-workspace.js';
import type { WorkspaceFile } from './workspace-file.js';

/** The `source` that selects the built-in demo workspace instead of a file. */
const DEMO_SOURCE = 'demo';

/**
 * Loads a workspace: `'demo'` for the built-in demo workspace, otherwise a path to a JSON
 * workspace file (relative paths resolve against the working directory). The file is validated
 * in full before the emulator sees it.
 *
 * @throws Error naming the path when the file is missing, unreadable or not JSON
 * @throws WorkspaceValidationError listing every problem in the file's content
 */
export async function loadWorkspaceFile(source: string): Promise<WorkspaceFile> {
  if (source === DEMO_SOURCE) return demoWorkspace();
  const path = resolve(source);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (code ?? String(error));
    throw new Error(`Cannot read workspace file ${path}: ${reason}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Workspace file ${path} is not valid JSON: ${reason}`, { cause: error });
  }
  return validateWorkspaceFile(parsed, path);
}
