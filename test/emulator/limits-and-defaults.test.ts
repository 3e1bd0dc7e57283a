import { beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceState } from '../../src/emulator/state/store.js';
import type {
  WorkspaceConversation,
  WorkspaceFile,
  WorkspaceMessage,
} from '../../src/emulator/state/workspace-file.js';
import {
  SCENARIO_IDS,
  SCENARIO_TOKENS,
  scenarioWorkspace,
} from '../fixtures/scenario-workspace.js';
import { callMethod, type MethodBody } from '../helpers/call-method.js';

/** More rows than any method's maximum, so defaults and clamps are observable. */
const MANY = 1_200;
const CROWD = 'C0CROWD001';
const THREAD_TS = '1700200000.000000';
const U = SCENARIO_IDS.users;
const alice = SCENARIO_TOKENS.alice;

const pad = (n: number): string => String(n).padStart(4, '0');

function channel(id: string, name: string, members: string[]): WorkspaceConversation {
  return {
    id,
    name,
    name_normalized: name,
    created: 1_700_000_000,
    creator: U.alice,
    is_channel: true,
    is_private: false,
    is_archived: false,
    members,
  };
}

/** The scenario plus MANY users in CROWD, MANY channels of alice's, and a MANY-reply thread. */
function crowdedWorkspace(): WorkspaceFile {
  const file = scenarioWorkspace();
  const fillers = Array.from({ length: MANY }, (_, i) => `U0FILL${pad(i)}`);
  for (const id of fillers) {
    file.users.push({ id, name: id.toLowerCase(), deleted: false, is_bot: false, profile: {} });
  }
  file.conversations.push(channel(CROWD, 'crowd', [U.alice, ...fillers]));
  for (let i = 0; i < MANY; i += 1) {
    file.conversations.push(channel(`C0MANY${pad(i)}`, `many-${i}`, [U.alice]));
  }
  const messages: WorkspaceMessage[] = Array.from({ length: MANY }, (_, i) => ({
    type: 'message',
    ts: `1700${pad(i)}00.000000`,
    user: U.alice,
    text: `m${i}`,
  }));
  const thread: WorkspaceMessage[] = Array.from({ length: MANY + 1 }, (_, i) => ({
    type: 'message',
    ts: `17002${pad(i)}0.000000`,
    thread_ts: THREAD_TS,
    user: U.alice,
    text: `t${i}`,
  }));
  file.messages = { ...file.messages, [CROWD]: [...messages, ...thread] };
  return file;
}

let state: WorkspaceState;
beforeAll(() => {
  state = new WorkspaceState(crowdedWorkspace(), () => 1_800_000_000_000);
});

function rows(method: string, args: Record<string, unknown>, token = alice): unknown[] {
  const body: MethodBody = callMethod(state, method, args, token);
  expect(body.ok, JSON.stringify(body).slice(0, 200)).toBe(true);
  if (method === 'users.list' || method === 'conversations.members') {
    return body.members as unknown[];
  }
  return (body.channels ?? body.messages) as unknown[];
}

const ALL_TYPES = { types: 'public_channel,private_channel,mpim,im' };
const FILLER_CURSOR = Buffer.from(`team:C0MANY${pad(0)}`).toString('base64');

describe.each([
  // From the first filler on, so no invisible conversation shortens the page.
  ['conversations.list', { ...ALL_TYPES, cursor: FILLER_CURSOR }, 100, 999],
  ['users.conversations', ALL_TYPES, 100, 999],
  ['conversations.members', { channel: CROWD }, 100, 1000],
  ['conversations.history', { channel: CROWD }, 100, 999],
  ['conversations.replies', { channel: CROWD, ts: THREAD_TS }, 1000, 1000],
  ['users.list', {}, MANY + 10, 1000],
] as const)('%s', (method, args, defaultLimit, maximum) => {
  it(`returns ${defaultLimit} rows by default, also for limit 0`, () => {
    const byDefault = rows(method, args);
    if (method === 'users.list') expect(byDefault.length).toBeGreaterThan(MANY);
    else expect(byDefault).toHaveLength(defaultLimit);
    expect(rows(method, { ...args, limit: 0 })).toHaveLength(byDefault.length);
  });

  it(`clamps a limit over the maximum to ${maximum} instead of failing`, () => {
    expect(rows(method, { ...args, limit: 5000 })).toHaveLength(maximum);
    expect(rows(method, { ...args, limit: maximum + 1 })).toHaveLength(maximum);
  });

  it('answers invalid_limit for a limit that is not an integer', () => {
    expect(callMethod(state, method, { ...args, limit: 'ten' }, alice)).toEqual({
      ok: false,
      error: 'invalid_limit',
    });
  });
});

describe('the 2025 rule for unlisted apps', () => {
  it.each([
    ['conversations.history', { channel: CROWD }],
    ['conversations.replies', { channel: CROWD, ts: THREAD_TS }],
  ] as const)('caps %s at 15 rows whatever the limit', (method, args) => {
    for (const limit of [undefined, 16, 999]) {
      const body = callMethod(state, method, { ...args, limit }, SCENARIO_TOKENS.unlisted);
      expect((body.messages as unknown[]).length).toBe(15);
      expect(body.has_more).toBe(true);
    }
  });
});

describe('the default latest of history and replies', () => {
  it('is now: messages dated after the clock stay hidden until it reaches them', () => {
    let now = 1_700_000_450_000;
    const timed = new WorkspaceState(crowdedWorkspace(), () => now);
    const visible = (args: Record<string, unknown> = {}) => {
      const body = callMethod(timed, 'conversations.history', { channel: CROWD, ...args }, alice);
      return (body.messages as { ts: string }[]).map((message) => message.ts);
    };
    expect(visible()).toEqual([
      '1700000400.000000',
      '1700000300.000000',
      '1700000200.000000',
      '1700000100.000000',
      '1700000000.000000',
    ]);
    expect(visible({ latest: '1700000700' })).toHaveLength(7);
    now = 1_700_000_700_000;
    expect(visible()).toHaveLength(8);
    const thread = callMethod(
      timed,
      'conversations.replies',
      { channel: CROWD, ts: THREAD_TS },
      alice,
    );
    expect(thread.messages).toEqual([expect.objectContaining({ ts: THREAD_TS })]);
  });

  it('never hides messages the emulator itself posts, even several within one pinned second', () => {
    const pinned = new WorkspaceState(crowdedWorkspace(), () => 1_700_000_000_000);
    for (const topic of ['one', 'two', 'three']) {
      const body = callMethod(pinned, 'conversations.setTopic', { channel: CROWD, topic }, alice);
      expect(body.ok).toBe(true);
    }
    const { messages } = callMethod(pinned, 'conversations.history', { channel: CROWD }, alice);
    const topics = (messages as { topic?: string }[]).slice(0, 3).map((message) => message.topic);
    expect(topics).toEqual(['three', 'two', 'one']);
  });
});
