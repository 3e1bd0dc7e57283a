import type { WorkspaceConversation, WorkspaceMessage } from '../workspace-file.js';
import {
  appMessage,
  botMessage,
  huddleMessage,
  systemMessage,
  Timeline,
  userMessage,
} from './message-kit.js';
import { THREADS } from './threads.js';
import { U } from './users.js';

const PHRASES = [
  'Morning all!',
  'Has anyone seen the latest numbers?',
  'I pushed a fix, can someone review?',
  'Reminder: all-hands at 4pm.',
  'Thanks, that helped a lot.',
  'Can we move this to a thread?',
  'Shipping it :rocket:',
  'Notes from today are in the doc.',
  'Out tomorrow, back Monday.',
  'Who owns this dashboard?',
  'Great work everyone :tada:',
  'Let me check and get back to you.',
  'Updated the ticket with details.',
  'Coffee break, anyone?',
  'Looks good to me.',
];

const BOTS: ReadonlySet<string> = new Set([U.acmebot, U.deploybot, U.standupbot, U.slackbot]);
const HOUR = 3_600;

/** Channel (not DM) timeline: joins, description and topic, renames, chatter, threads, archive. */
function channelMessages(c: WorkspaceConversation, index: number): WorkspaceMessage[] {
  const creator = c.creator ?? U.alice;
  const time = new Timeline(c.created, index);
  const out: WorkspaceMessage[] = [];
  const n = index * 1_000;
  out.push(
    systemMessage(time.next(1), 'channel_join', creator, `<@${creator}> has joined the channel`),
  );
  if (c.purpose?.value) {
    const text = `set the channel description: ${c.purpose.value}`;
    out.push(
      systemMessage(time.next(59), 'channel_purpose', creator, text, { purpose: c.purpose.value }),
    );
  }
  if (c.topic?.value) {
    const text = `set the channel topic: ${c.topic.value}`;
    out.push(
      systemMessage(time.next(60), 'channel_topic', creator, text, { topic: c.topic.value }),
    );
  }
  // previous_names lists the newest old name first: replay the renames oldest first.
  const names = [...(c.previous_names ?? [])].reverse();
  names.forEach((old, i) => {
    const name = names[i + 1] ?? c.name ?? '';
    const text = `renamed the channel from "${old}" to "${name}"`;
    out.push(
      systemMessage(time.next(HOUR), 'channel_name', creator, text, { old_name: old, name }),
    );
  });
  const people = c.members.filter((id) => !BOTS.has(id));
  for (const member of people.filter((id) => id !== creator).slice(0, 6)) {
    out.push(
      systemMessage(time.next(HOUR), 'channel_join', member, `<@${member}> has joined the channel`),
    );
  }
  const chatter = 6 + (index % 9);
  for (let j = 0; j < chatter && people.length > 0; j += 1) {
    const user = people[(j * 3 + index) % people.length] ?? creator;
    const message = userMessage(
      time.next(5 * HOUR + j * 97),
      user,
      PHRASES[(index * 5 + j * 7) % PHRASES.length] ?? '',
      n + j + 1,
    );
    if (j % 4 === 1) {
      const reactors = people.slice(0, 2);
      message.reactions = [{ name: '+1', users: reactors, count: reactors.length }];
    }
    if (j % 7 === 3) message.edited = { user, ts: time.next(120) };
    out.push(message);
  }
  out.push(...special(c.id, time, people));
  (THREADS[c.id] ?? []).forEach((thread, t) => {
    out.push(...threadMessages(thread, time, n + 100 * (t + 1)));
  });
  if (c.is_archived) {
    out.push(
      systemMessage(
        time.next(24 * HOUR),
        'channel_archive',
        creator,
        `<@${creator}> archived the channel`,
      ),
    );
  }
  return out;
}

function threadMessages(
  thread: (typeof THREADS)[string][number],
  time: Timeline,
  n: number,
): WorkspaceMessage[] {
  const [author, text] = thread.parent;
  const parent = userMessage(time.next(HOUR), author, text, n);
  const replies = thread.replies.map((reply, i) => {
    const message = userMessage(time.next(300), reply.user, reply.text, n + i + 1);
    message.thread_ts = parent.ts;
    if (reply.broadcast) message.subtype = 'thread_broadcast';
    return message;
  });
  return [parent, ...replies];
}

/** Messages only some channels have: bot posts, a huddle, a `/me` message. */
function special(id: string, time: Timeline, people: readonly string[]): WorkspaceMessage[] {
  switch (id) {
    case 'C01DEPLOYS0':
      return ['v2.14.0', 'v2.14.1', 'v2.14.2'].map((version) =>
        botMessage(
          time.next(6 * HOUR),
          'deploybot',
          'Deploy Bot',
          `Deployed api ${version} to production`,
          `api ${version}: 12 commits, 0 failed checks`,
        ),
      );
    case 'C01STANDUP0':
      return [
        appMessage(
          time.next(HOUR),
          'standupbot',
          'Standup Bot',
          'Standup time! What did you do yesterday?',
        ),
        appMessage(
          time.next(24 * HOUR),
          'standupbot',
          'Standup Bot',
          'Standup summary: 6 of 8 updates received.',
        ),
      ];
    case 'C01BOTPLAY0':
      return [
        appMessage(time.next(HOUR), 'acmebot', 'Acme App', 'Hello from Acme App :robot_face:'),
      ];
    case 'C01DESIGN00':
      return [huddleMessage(time.next(HOUR), id, U.heidi, U.erin)];
    case 'C01RANDOM00':
      return [
        systemMessage(time.next(HOUR), 'me_message', people[0] ?? U.alice, 'is on a coffee run'),
      ];
    default:
      return [];
  }
}

/** A short conversation between the members of a DM or group DM. */
function directMessages(c: WorkspaceConversation, index: number): WorkspaceMessage[] {
  const time = new Timeline(c.created, index);
  const [first = U.alice, second = U.bob] = c.members;
  if (first === U.acmebot || second === U.acmebot) {
    const person = first === U.acmebot ? second : first;
    return [
      userMessage(time.next(HOUR), person, 'help', index * 1_000 + 1),
      appMessage(
        time.next(2),
        'acmebot',
        'Acme App',
        'I can list channels, summarize threads and post reminders.',
      ),
    ];
  }
  if (second === U.slackbot) {
    return [
      userMessage(
        time.next(HOUR),
        U.slackbot,
        'Reminder: submit your expense report.',
        index * 1_000 + 1,
      ),
    ];
  }
  const lines = ['Hey, got a minute?', 'Sure, what is up?', 'Can you review my doc?', 'On it.'];
  const out = lines.map((text, j) => {
    const user = c.members[j % c.members.length] ?? first;
    return userMessage(time.next(HOUR + j * 30), user, text, index * 1_000 + j + 1);
  });
  for (const thread of THREADS[c.id] ?? [])
    out.push(...threadMessages(thread, time, index * 1_000 + 100));
  return out;
}

/** Messages for every demo conversation, by conversation ID, in `ts` order. */
export function demoMessages(
  conversations: readonly WorkspaceConversation[],
): Record<string, WorkspaceMessage[]> {
  const messages: Record<string, WorkspaceMessage[]> = {};
  conversations.forEach((c, index) => {
    messages[c.id] = c.is_im || c.is_mpim ? directMessages(c, index) : channelMessages(c, index);
  });
  return messages;
}
