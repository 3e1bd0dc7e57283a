import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import { DEMO_TOKENS, demoWorkspace } from '../../src/emulator/state/demo-workspace.js';
import {
  GENERATED_TOKENS,
  generateWorkspace,
} from '../../src/emulator/state/generate-workspace.js';
import type { WorkspaceFile } from '../../src/emulator/state/workspace-file.js';
import {
  SCENARIO_IDS,
  SCENARIO_TOKENS,
  scenarioWorkspace,
} from '../fixtures/scenario-workspace.js';
import { slackCall, startTestEmulator } from '../helpers/emulator.js';

/**
 * Slack's conversation objects always carry `updated` (epoch milliseconds of the last settings
 * change, seed 004), channels and MPIMs as much as IMs. A workspace file may omit it (it then
 * defaults to `created`), and every write that changes the settings moves it forward.
 */

const C = SCENARIO_IDS.conversations;
const ALL_TYPES = 'public_channel,private_channel,mpim,im';

/** The scenario workspace with `updated` left out of every conversation. */
function withoutUpdated(): WorkspaceFile {
  const file = scenarioWorkspace();
  for (const conversation of file.conversations) delete conversation.updated;
  return file;
}

const WORKSPACES = [
  { name: 'a file that omits updated', file: withoutUpdated, token: SCENARIO_TOKENS.alice },
  { name: 'the demo workspace', file: demoWorkspace, token: DEMO_TOKENS.user },
  {
    name: 'a generated workspace',
    file: () => generateWorkspace({ seed: 11, channels: 30, users: 20, messages: 40 }),
    token: GENERATED_TOKENS.user,
  },
] as const;

function client(emulator: EmulatorHandle, token: string): WebClient {
  return new WebClient(token, { slackApiUrl: emulator.url, logLevel: LogLevel.ERROR });
}

type Conversation = Record<string, unknown> & { id: string; created: number };

describe.each(WORKSPACES)('updated on every conversation of $name', ({ file, token }) => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startTestEmulator(file());
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('is in milliseconds, not before created, on every type in conversations.list and .info', async () => {
    const web = client(emulator, token);
    const seen: Conversation[] = [];
    for await (const page of web.paginate('conversations.list', { types: ALL_TYPES, limit: 200 })) {
      seen.push(...((page as unknown as { channels?: Conversation[] }).channels ?? []));
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((c) => (c.is_im ? 'im' : c.is_mpim ? 'mpim' : 'channel'))).size).toBe(
      3,
    );
    for (const listed of seen) {
      const { channel } = (await web.conversations.info({ channel: listed.id })) as unknown as {
        channel: Conversation;
      };
      for (const conversation of [listed, channel]) {
        expect(Number.isInteger(conversation.updated), conversation.id).toBe(true);
        expect(conversation.updated as number).toBeGreaterThanOrEqual(conversation.created * 1000);
      }
    }
  });
});

describe('writes that change a conversation’s settings move updated forward', () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startTestEmulator(withoutUpdated());
  });
  afterAll(async () => {
    await emulator.close();
  });

  /** A write over raw HTTP, as the SDKs send it: a form body and `Authorization: Bearer`. */
  async function raw(method: string, args: Record<string, string>) {
    const { body } = await slackCall<{ ok: boolean; channel?: Conversation }>(
      emulator.url,
      method,
      args,
      { token: SCENARIO_TOKENS.alice },
    );
    expect(body.ok, JSON.stringify(body)).toBe(true);
    return body;
  }

  async function updatedOf(id: string): Promise<number> {
    const { channel } = await client(emulator, SCENARIO_TOKENS.alice).conversations.info({
      channel: id,
    });
    return channel?.updated as number;
  }

  const WRITES: readonly [string, string, Record<string, string>][] = [
    ['conversations.rename', C.extra[0], { name: 'renamed-project' }],
    ['conversations.setTopic', C.extra[1], { topic: 'A new topic' }],
    ['conversations.setPurpose', C.extra[2], { purpose: 'A new purpose' }],
    ['conversations.archive', C.random, {}],
    ['conversations.unarchive', C.archived, {}],
    ['conversations.setTopic', C.mpim, { topic: 'Group topic' }],
  ];

  it.each(WRITES)('%s through WebClient', async (method, channel, args) => {
    const before = await updatedOf(channel);
    const web = client(emulator, SCENARIO_TOKENS.alice);
    const result = (await web.apiCall(method, { channel, ...args })) as { channel?: Conversation };
    const after = await updatedOf(channel);
    expect(after).toBeGreaterThan(before);
    if (result.channel !== undefined) expect(result.channel.updated).toBe(after);
  });

  it('over raw HTTP, on the write’s own answer and on conversations.info', async () => {
    const before = await updatedOf(C.private);
    const { channel } = await raw('conversations.setPurpose', {
      channel: C.private,
      purpose: 'Raw purpose',
    });
    expect(channel?.updated).toBeGreaterThan(before);
    expect(await updatedOf(C.private)).toBe(channel?.updated);
  });
});
