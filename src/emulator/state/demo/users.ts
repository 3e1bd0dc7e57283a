import type { SlackUser } from '../../../slack/wire-types.js';
import { DEMO_TEAM_ID } from './team.js';

/** Every demo user's ID, by handle, so the other demo modules can refer to them by name. */
export const U = {
  slackbot: 'USLACKBOT',
  alice: 'U01ALICE00',
  bob: 'U01BOB0000',
  carol: 'U01CAROL00',
  dave: 'U01DAVE000',
  erin: 'U01ERIN000',
  frank: 'U01FRANK00',
  grace: 'U01GRACE00',
  heidi: 'U01HEIDI00',
  ivan: 'U01IVAN000',
  judy: 'U01JUDY000',
  mallory: 'U01MALLORY',
  niaj: 'U01NIAJ000',
  olivia: 'U01OLIVIA0',
  peggy: 'U01PEGGY00',
  rupert: 'U01RUPERT0',
  sybil: 'U01SYBIL00',
  trent: 'U01TRENT00',
  victor: 'U01VICTOR0',
  walter: 'U01WALTER0',
  xavier: 'U01XAVIER0',
  yasmin: 'U01YASMIN0',
  zoe: 'W01ZOE0000',
  acmebot: 'U01ACMEBOT',
  deploybot: 'U01DEPLOYB',
  standupbot: 'U01STANDUP',
} as const;

/** Bot IDs (`B…`) of the bot users, as messages and auth.test report them. */
export const BOT_IDS = {
  acmebot: 'B01ACMEBOT0',
  deploybot: 'B01DEPLOYB0',
  standupbot: 'B01STANDUP0',
} as const;

/** App IDs of the bots. */
export const APP_IDS = {
  acmebot: 'A01ACMEAPP',
  deploybot: 'A01DEPLOYA',
  standupbot: 'A01STANDUA',
} as const;

/** Every human who is an active full member (guests, deactivated users and bots excluded). */
export const FULL_MEMBERS = [
  U.alice,
  U.bob,
  U.carol,
  U.dave,
  U.erin,
  U.frank,
  U.grace,
  U.heidi,
  U.ivan,
  U.judy,
  U.niaj,
  U.olivia,
  U.peggy,
  U.rupert,
  U.sybil,
  U.trent,
  U.victor,
  U.yasmin,
  U.zoe,
] as const;

const ZONES = [
  { tz: 'America/New_York', tz_label: 'Eastern Standard Time', tz_offset: -18000 },
  { tz: 'Europe/Berlin', tz_label: 'Central European Time', tz_offset: 3600 },
  { tz: 'Europe/London', tz_label: 'Greenwich Mean Time', tz_offset: 0 },
  { tz: 'America/Los_Angeles', tz_label: 'Pacific Standard Time', tz_offset: -28800 },
  { tz: 'Asia/Tokyo', tz_label: 'Japan Standard Time', tz_offset: 32400 },
] as const;

const COLORS = ['9f69e7', '4bbe2e', 'e7392d', '3c989f', 'e96699', 'db3150', '5b89d5', 'e0a729'];

/** Fixed "last profile update" so the demo never depends on the clock. */
const UPDATED = 1_700_000_000;

interface HumanOptions {
  title: string;
  role?: 'primary_owner' | 'admin' | 'guest' | 'single_channel_guest';
  deleted?: boolean;
  status?: [text: string, emoji: string];
}

function images(handle: string): Record<string, string> {
  const sizes = [24, 32, 48, 72, 192, 512];
  return Object.fromEntries(
    sizes.map((size) => [
      `image_${size}`,
      `https://avatars.example.com/demo/${handle}_${size}.png`,
    ]),
  );
}

function human(
  index: number,
  handle: keyof typeof U,
  realName: string,
  o: HumanOptions,
): SlackUser {
  const [first = realName, last = ''] = realName.split(' ');
  const zone = ZONES[index % ZONES.length] ?? ZONES[0];
  const profile = {
    title: o.title,
    phone: '',
    skype: '',
    real_name: realName,
    real_name_normalized: realName,
    display_name: handle,
    display_name_normalized: handle,
    fields: null,
    status_text: o.status?.[0] ?? '',
    status_emoji: o.status?.[1] ?? '',
    status_expiration: 0,
    avatar_hash: `d${String(index).padStart(2, '0')}a1b2c3d4e`,
    email: `${handle}@acme.example`,
    first_name: first,
    last_name: last,
    ...images(handle),
    team: DEMO_TEAM_ID,
  };
  if (o.deleted) {
    // Slack answers deactivated users with a reduced object: no role flags, no time zone.
    return {
      id: U[handle],
      team_id: DEMO_TEAM_ID,
      name: handle,
      deleted: true,
      profile,
      is_bot: false,
      is_app_user: false,
      updated: UPDATED,
    };
  }
  return {
    id: U[handle],
    team_id: DEMO_TEAM_ID,
    name: handle,
    deleted: false,
    color: COLORS[index % COLORS.length],
    real_name: realName,
    ...zone,
    profile,
    is_admin: o.role === 'primary_owner' || o.role === 'admin',
    is_owner: o.role === 'primary_owner',
    is_primary_owner: o.role === 'primary_owner',
    is_restricted: o.role === 'guest' || o.role === 'single_channel_guest',
    is_ultra_restricted: o.role === 'single_channel_guest',
    is_bot: false,
    is_app_user: false,
    updated: UPDATED + index * 3600,
    is_email_confirmed: true,
    who_can_share_contact_card: 'EVERYONE',
  };
}

function bot(handle: keyof typeof BOT_IDS, realName: string): SlackUser {
  return {
    id: U[handle],
    team_id: DEMO_TEAM_ID,
    name: handle,
    deleted: false,
    color: '757575',
    real_name: realName,
    tz: 'America/Los_Angeles',
    tz_label: 'Pacific Standard Time',
    tz_offset: -28800,
    profile: {
      title: '',
      real_name: realName,
      real_name_normalized: realName,
      display_name: '',
      display_name_normalized: '',
      status_text: '',
      status_emoji: '',
      avatar_hash: `b${handle.slice(0, 8)}`,
      bot_id: BOT_IDS[handle],
      api_app_id: APP_IDS[handle],
      always_active: true,
      first_name: realName,
      last_name: '',
      ...images(handle),
      team: DEMO_TEAM_ID,
    },
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: true,
    is_app_user: false,
    updated: UPDATED,
  };
}

/** Slackbot: listed by users.list, `is_bot: false` as Slack reports it, author of system messages. */
function slackbot(): SlackUser {
  return {
    id: U.slackbot,
    team_id: DEMO_TEAM_ID,
    name: 'slackbot',
    deleted: false,
    color: '757575',
    real_name: 'Slackbot',
    tz: 'America/Los_Angeles',
    tz_label: 'Pacific Standard Time',
    tz_offset: -28800,
    profile: {
      title: '',
      real_name: 'Slackbot',
      real_name_normalized: 'Slackbot',
      display_name: 'Slackbot',
      display_name_normalized: 'Slackbot',
      status_text: '',
      status_emoji: '',
      avatar_hash: 'sv41d8cd98f0',
      always_active: true,
      first_name: 'slackbot',
      last_name: '',
      ...images('slackbot'),
      team: DEMO_TEAM_ID,
    },
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: false,
    is_app_user: false,
    updated: 0,
  };
}

/** The 26 demo users: Slackbot, 22 people (2 guests, 1 deactivated), 3 bots. */
export function demoUsers(): SlackUser[] {
  return [
    slackbot(),
    human(1, 'alice', 'Alice Anders', { title: 'CEO', role: 'primary_owner' }),
    human(2, 'bob', 'Bob Brenner', {
      title: 'VP Engineering',
      role: 'admin',
      status: ['In a meeting', ':calendar:'],
    }),
    human(3, 'carol', 'Carol Chen', { title: 'Staff Engineer' }),
    human(4, 'dave', 'Dave Dubois', { title: 'Backend Engineer' }),
    human(5, 'erin', 'Erin Eriksen', {
      title: 'Frontend Engineer',
      status: ['Vacationing', ':palm_tree:'],
    }),
    human(6, 'frank', 'Frank Fischer', { title: 'SRE' }),
    human(7, 'grace', 'Grace Gomez', { title: 'Product Manager' }),
    human(8, 'heidi', 'Heidi Hoffmann', { title: 'Designer' }),
    human(9, 'ivan', 'Ivan Ivanov', { title: 'Data Scientist' }),
    human(10, 'judy', 'Judy Jones', { title: 'Head of People' }),
    human(11, 'mallory', 'Mallory Moss', { title: 'Former Contractor', deleted: true }),
    human(12, 'niaj', 'Niaj Nasser', { title: 'Mobile Engineer' }),
    human(13, 'olivia', 'Olivia Olsen', { title: 'Marketing Lead' }),
    human(14, 'peggy', 'Peggy Park', { title: 'Account Executive' }),
    human(15, 'rupert', 'Rupert Reyes', { title: 'Support Engineer' }),
    human(16, 'sybil', 'Sybil Sato', { title: 'Security Engineer' }),
    human(17, 'trent', 'Trent Turner', { title: 'CFO', role: 'admin' }),
    human(18, 'victor', 'Victor Vega', { title: 'Legal Counsel' }),
    human(19, 'walter', 'Walter White', { title: 'Agency Designer', role: 'guest' }),
    human(20, 'xavier', 'Xavier Xu', { title: 'Auditor', role: 'single_channel_guest' }),
    human(21, 'yasmin', 'Yasmin Yilmaz', { title: 'Customer Success' }),
    human(22, 'zoe', 'Zoe Zimmer', { title: 'Enterprise Architect (Grid user)' }),
    bot('acmebot', 'Acme App'),
    bot('deploybot', 'Deploy Bot'),
    bot('standupbot', 'Standup Bot'),
  ];
}
