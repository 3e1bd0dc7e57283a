import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/emulator.js';
import {
  channelNameProblem,
  distinctUserIds,
  openUsersProblem,
  renameProblem,
  topicProblem,
} from '../../src/graphql/mutations/input-rules.js';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { channelNames } from '../helpers/input-samples.js';

const U = SCENARIO_IDS.users;
const C = SCENARIO_IDS.conversations;
/** Samples per property: each is one call to the emulator over a socket. */
const RUNS = 120;

let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

/** Slack's error code for a call (`undefined` on success), as the emulator answers it. */
async function slackError(
  method: string,
  args: Record<string, string>,
): Promise<string | undefined> {
  const body = new URLSearchParams(args);
  const response = await fetch(`${emulator.url}${method}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${SCENARIO_TOKENS.alice}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: body.toString(),
  });
  const answer = (await response.json()) as { ok: boolean; error?: string };
  return answer.ok ? undefined : answer.error;
}

describe('pre-validation agrees with the emulator', () => {
  it('refuses exactly the channel names conversations.create refuses, with the same code', async () => {
    await fc.assert(
      fc.asyncProperty(channelNames, async (name) => {
        const answered = await slackError('conversations.create', { name });
        // name_taken is about the workspace, not the name's form: pre-validation accepts it.
        const refused = answered === 'name_taken' ? undefined : answered;
        expect(channelNameProblem(name)?.code).toBe(refused);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a rename only when conversations.rename refuses it the same way', async () => {
    await fc.assert(
      fc.asyncProperty(channelNames, async (name) => {
        const found = renameProblem(name);
        if (found === undefined) return;
        expect(await slackError('conversations.rename', { channel: C.extra[0], name })).toBe(
          found.code,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses exactly the topics conversations.setTopic refuses, with the same code', async () => {
    const topics = fc.oneof(
      fc.string({ unit: 'grapheme-composite', maxLength: 5 }),
      fc.string({ unit: fc.constantFrom('a', 'é', '😀', ' '), minLength: 245, maxLength: 255 }),
    );
    await fc.assert(
      fc.asyncProperty(topics, async (topic) => {
        const answered = await slackError('conversations.setTopic', { channel: C.general, topic });
        expect(topicProblem('topic', topic)?.code).toBe(answered);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses the user lists conversations.open certainly refuses for their size', async () => {
    const pool = [
      U.alice,
      U.bob,
      U.carol,
      U.erin,
      U.bot,
      'U0X1',
      'U0X2',
      'U0X3',
      'U0X4',
      'U0X5',
      'U0X6',
      'U0X7',
      ' ',
      '',
    ];
    const lists = fc.array(fc.constantFrom(...pool), { maxLength: 14 });
    const sizeCodes = new Set(['users_list_not_supplied', 'too_many_users']);
    await fc.assert(
      fc.asyncProperty(lists, async (users) => {
        const found = openUsersProblem(users, undefined);
        const answered = await slackError('conversations.open', { users: users.join(',') });
        if (found !== undefined) expect(answered).toBe(found.code);
        else if (answered !== undefined && sizeCodes.has(answered)) {
          // The one case that needs the caller's ID: 9 distinct IDs without the caller.
          const ids = distinctUserIds(users);
          expect([answered, ids.length, ids.includes(U.alice)]).toEqual([
            'too_many_users',
            9,
            false,
          ]);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
