import { U } from './users.js';

/** One hand-written thread: a parent and its replies; `broadcast` also sends a reply to the channel. */
export interface ThreadSpec {
  parent: [user: string, text: string];
  replies: { user: string; text: string; broadcast?: boolean }[];
}

const { alice, bob, carol, dave, erin, frank, grace, heidi, rupert, sybil, judy } = U;

/** Threads per conversation ID, appended after each conversation's ordinary chatter. */
export const THREADS: Readonly<Record<string, readonly ThreadSpec[]>> = {
  C01GENERAL0: [
    {
      parent: [alice, 'Welcome to Acme Demo! Introduce yourself in this thread :wave:'],
      replies: [
        { user: bob, text: 'Bob here, I run engineering.' },
        { user: grace, text: 'Grace, product. Happy to be here!' },
        { user: judy, text: 'Judy from the People team, ping me about anything.' },
      ],
    },
  ],
  C01ENGINEER: [
    {
      parent: [
        carol,
        'RFC: move background jobs to a Postgres-backed queue? Doc linked in thread.',
      ],
      replies: [
        { user: dave, text: 'Big +1, one less moving part.' },
        { user: frank, text: 'Fine by infra as long as we keep the dead-letter table.' },
        { user: bob, text: 'Approved. Sharing the decision with the channel.', broadcast: true },
        { user: carol, text: 'Thanks all, starting next sprint.' },
      ],
    },
    {
      parent: [erin, 'Does anyone know why CI is slow today?'],
      replies: [{ user: frank, text: 'Runner pool was scaled down, fixed now.' }],
    },
  ],
  C01INCIDENT: [
    {
      parent: [frank, 'SEV2: elevated 5xx on api-gateway since 14:02 UTC'],
      replies: [
        { user: dave, text: 'Looking at the logs.' },
        { user: sybil, text: 'Not security related, no unusual traffic.' },
        { user: frank, text: 'Mitigated by rolling back v2.14.1.' },
        { user: rupert, text: 'Customers notified on the status page.' },
      ],
    },
  ],
  C01HELPENG0: [
    {
      parent: [rupert, 'A customer asks whether exports include archived channels. Do they?'],
      replies: [{ user: carol, text: 'Yes, unless they pass exclude_archived.' }],
    },
  ],
  C01DESIGN00: [
    {
      parent: [heidi, 'New icon set for review, comments welcome.'],
      replies: [
        { user: erin, text: 'Love the rounded corners.' },
        { user: grace, text: 'Can we get a dark mode variant?' },
      ],
    },
  ],
  C01PHOENIX0: [
    {
      parent: [bob, 'Phoenix milestone 1 is done: the new storage engine passes all tests.'],
      replies: [{ user: grace, text: 'Amazing. Demo on Thursday?' }],
    },
  ],
  G01LEADERS: [
    {
      parent: [alice, 'Agenda for Monday: hiring plan, Q4 budget, offsite.'],
      replies: [
        { user: U.trent, text: 'Budget draft is in the board-prep channel.' },
        { user: judy, text: 'Hiring plan attached.' },
      ],
    },
  ],
  G01MPALBOCA: [
    {
      parent: [alice, 'Lunch on Friday?'],
      replies: [
        { user: bob, text: 'In!' },
        { user: carol, text: 'Me too.' },
      ],
    },
  ],
};
