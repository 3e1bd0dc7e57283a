import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace } from '../../src/emulator/state/demo-workspace.js';
import { loadWorkspaceFile } from '../../src/emulator/state/load-workspace.js';
import {
  validateWorkspaceFile,
  WorkspaceValidationError,
} from '../../src/emulator/state/validate-workspace.js';
import type { WorkspaceFile } from '../../src/emulator/state/workspace-file.js';

const SECRET = 'xoxp-secret-value-123';

/** A small valid workspace; each case below breaks one thing in a fresh copy. */
function minimal(): WorkspaceFile {
  const user = (id: string, name: string) => ({
    id,
    name,
    deleted: false,
    is_bot: false,
    profile: {},
  });
  return {
    team: { id: 'T0TEAM0001', name: 'Team' },
    users: [user('U0ALICE001', 'alice'), user('U0BOB00001', 'bob'), user('U0CAROL001', 'carol')],
    tokens: [{ token: SECRET, user_id: 'U0ALICE001', scopes: ['channels:read'] }],
    conversations: [
      {
        id: 'C0GENERAL1',
        name: 'general',
        created: 1_600_000_000,
        creator: 'U0ALICE001',
        is_channel: true,
        is_general: true,
        is_private: false,
        topic: { value: 'hi', creator: 'U0ALICE001', last_set: 1_600_000_001 },
        members: ['U0ALICE001', 'U0BOB00001'],
      },
      {
        id: 'D0ALICEBOB',
        created: 1_600_000_000,
        is_im: true,
        is_private: true,
        members: ['U0ALICE001', 'U0BOB00001'],
      },
    ],
    messages: {
      C0GENERAL1: [
        { type: 'message', ts: '1600000100.000100', user: 'U0ALICE001', text: 'parent' },
        {
          type: 'message',
          ts: '1600000200.000200',
          user: 'U0BOB00001',
          text: 'reply',
          thread_ts: '1600000100.000100',
        },
      ],
    },
  };
}

function at<T>(list: T[] | undefined, index: number): T {
  const item = list?.[index];
  if (item === undefined) throw new Error(`no entry ${index}`);
  return item;
}

const conversation = (f: WorkspaceFile, index: number) => at(f.conversations, index);
const message = (f: WorkspaceFile, index: number) => at(f.messages?.C0GENERAL1, index);

const APP = {
  id: 'A0APP00001',
  signing_secret: 'a-signing-secret',
  app_token: 'xapp-1-A0APP00001-1-x',
};

const CASES: { title: string; breakIt: (file: WorkspaceFile) => void; problem: string }[] = [
  {
    title: 'a member that is not a user',
    breakIt: (f) => conversation(f, 0).members.push('U0NOBODY01'),
    problem: 'conversations[0] (C0GENERAL1): member U0NOBODY01 is not a user',
  },
  {
    title: 'a malformed conversation ID',
    breakIt: (f) => Object.assign(conversation(f, 0), { id: 'c-general' }),
    problem: 'id "c-general" does not match',
  },
  {
    title: 'a duplicate user ID',
    breakIt: (f) => Object.assign(at(f.users, 2), { id: 'U0BOB00001' }),
    problem: 'users[2] (U0BOB00001): id "U0BOB00001" is already used by entry 1',
  },
  {
    title: 'a duplicate channel name',
    breakIt: (f) =>
      f.conversations.push({
        ...structuredClone(conversation(f, 0)),
        id: 'C0GENERAL2',
        is_general: false,
      }),
    problem: 'conversations[2] (C0GENERAL2): name "general" is already used by entry 0',
  },
  {
    title: 'an IM with three members',
    breakIt: (f) => conversation(f, 1).members.push('U0CAROL001'),
    problem: 'conversations[1] (D0ALICEBOB): an IM has exactly 2 members, found 3',
  },
  {
    title: 'an IM that is not private',
    breakIt: (f) => Object.assign(conversation(f, 1), { is_private: false }),
    problem: 'is_private must be true',
  },
  {
    title: 'a malformed ts',
    breakIt: (f) => Object.assign(message(f, 0), { ts: '1600000100.1' }),
    problem: 'messages.C0GENERAL1[0] (ts 1600000100.1): ts must match',
  },
  {
    title: 'a reply whose parent does not exist',
    breakIt: (f) => Object.assign(message(f, 1), { thread_ts: '1600000000.000000' }),
    problem: 'thread_ts 1600000000.000000 is not a message here',
  },
  {
    title: 'messages for an unknown conversation',
    breakIt: (f) => Object.assign(f.messages ?? {}, { C0MISSING1: [] }),
    problem: 'messages.C0MISSING1: is not the ID of a conversation in this file',
  },
  {
    title: 'a token whose user does not exist',
    breakIt: (f) => Object.assign(at(f.tokens, 0), { user_id: 'U0GHOST001' }),
    problem: 'tokens[0]: user_id U0GHOST001 is not a user',
  },
  {
    title: 'a bot token without a bot ID',
    breakIt: (f) => Object.assign(at(f.tokens, 0), { token: 'xoxb-bot' }),
    problem: 'tokens[0]: bot_id must be a string',
  },
  {
    title: 'a stored derived field',
    breakIt: (f) => Object.assign(conversation(f, 0), { num_members: 2 }),
    problem: 'num_members is computed by the emulator and must not be set',
  },
  {
    title: 'a topic creator that is not a user',
    breakIt: (f) => Object.assign(conversation(f, 0).topic ?? {}, { creator: 'U0GHOST001' }),
    problem: 'conversations[0] (C0GENERAL1) topic: creator U0GHOST001 is not a user',
  },
  {
    title: 'a second general channel',
    breakIt: (f) =>
      f.conversations.push({
        ...structuredClone(conversation(f, 0)),
        id: 'C0OTHER001',
        name: 'other',
      }),
    problem: 'only one conversation may be general',
  },
  {
    title: 'a malformed app ID',
    breakIt: (f) => Object.assign(f, { app: { ...APP, id: 'app-1' } }),
    problem: 'app: id "app-1" does not match',
  },
  {
    title: 'an app token that is not an xapp- token',
    breakIt: (f) => Object.assign(f, { app: { ...APP, app_token: 'xoxb-nope' } }),
    problem: 'app: app_token must be a string starting with "xapp-"',
  },
  {
    title: 'a short signing secret',
    breakIt: (f) => Object.assign(f, { app: { ...APP, signing_secret: 'x' } }),
    problem: 'app: signing_secret must be a string of at least 8 characters',
  },
  {
    title: 'an unknown app field',
    breakIt: (f) => Object.assign(f, { app: { ...APP, secret: 'x' } }),
    problem: 'app: unknown field secret',
  },
];

describe('validateWorkspaceFile', () => {
  it('accepts a valid workspace and returns it unchanged', () => {
    const file = minimal();
    expect(validateWorkspaceFile(file)).toBe(file);
    const withApp = { ...minimal(), app: { ...APP } };
    expect(validateWorkspaceFile(withApp)).toBe(withApp);
  });

  it.each(CASES)('rejects $title, naming the entry', ({ breakIt, problem }) => {
    const file = minimal();
    breakIt(file);
    const error = catchError(() => validateWorkspaceFile(file));
    expect(error.problems.some((p) => p.includes(problem))).toBe(true);
    expect(error.message).toContain(problem);
  });

  it('collects every problem of a file in one error', () => {
    const file = minimal();
    for (const { breakIt } of CASES.slice(0, 5)) breakIt(file);
    const error = catchError(() => validateWorkspaceFile(file));
    expect(error.problems.length).toBeGreaterThanOrEqual(5);
    expect(error.message).toMatch(/^Invalid workspace file \(\d+ problems\):/);
  });

  it('never puts a token value in its messages', () => {
    const file = minimal();
    file.tokens.push({ ...at(file.tokens, 0), user_id: 'U0GHOST001' });
    const error = catchError(() => validateWorkspaceFile(file));
    expect(error.problems).toContain('tokens[1]: token is already used by entry 0');
    expect(error.message).not.toContain(SECRET);
  });

  it('rejects any JSON value that is not a workspace with a WorkspaceValidationError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => validateWorkspaceFile(value)).toThrow(WorkspaceValidationError);
      }),
    );
  });

  it('accepts the demo workspace after a JSON round trip', () => {
    expect(() => validateWorkspaceFile(JSON.parse(JSON.stringify(demoWorkspace())))).not.toThrow();
  });
});

describe('loadWorkspaceFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'workspace-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the demo workspace by name', async () => {
    expect(await loadWorkspaceFile('demo')).toEqual(demoWorkspace());
  });

  it('loads and validates a JSON file', async () => {
    const path = join(dir, 'ok.json');
    await writeFile(path, JSON.stringify(minimal()));
    expect(await loadWorkspaceFile(path)).toEqual(minimal());
  });

  it('names the path of a missing file', async () => {
    const path = join(dir, 'missing.json');
    await expect(loadWorkspaceFile(path)).rejects.toThrow(
      `Cannot read workspace file ${path}: no such file`,
    );
  });

  it('names the path and the parse error of a file that is not JSON', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{"team": ');
    await expect(loadWorkspaceFile(path)).rejects.toThrow(
      `Workspace file ${path} is not valid JSON:`,
    );
  });

  it('names the path and every problem of an invalid file', async () => {
    const path = join(dir, 'invalid.json');
    const file = minimal();
    file.users = [];
    await writeFile(path, JSON.stringify(file));
    const error = await loadWorkspaceFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceValidationError);
    expect((error as WorkspaceValidationError).message).toContain(`Invalid workspace file ${path}`);
    expect((error as WorkspaceValidationError).problems).toContain(
      'tokens[0]: user_id U0ALICE001 is not a user',
    );
  });
});

function catchError(run: () => unknown): WorkspaceValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof WorkspaceValidationError) return error;
    throw error;
  }
  throw new Error('expected a WorkspaceValidationError');
}
