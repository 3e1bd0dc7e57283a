import type { SlackTeam } from '../../../slack/wire-types.js';

export const DEMO_TEAM_ID = 'T01ACMEDEMO';

/** A Slack Connect partner workspace that one demo channel is shared with. */
export const PARTNER_TEAM_ID = 'T02GLOBEX00';

export function demoTeam(): SlackTeam {
  const icon = (size: number) => `https://avatars.example.com/demo/team_${size}.png`;
  return {
    id: DEMO_TEAM_ID,
    name: 'Acme Demo',
    domain: 'acme-demo',
    email_domain: 'acme.example',
    icon: {
      image_34: icon(34),
      image_44: icon(44),
      image_68: icon(68),
      image_88: icon(88),
      image_102: icon(102),
      image_132: icon(132),
      image_230: icon(230),
      image_default: false,
    },
    avatar_base_url: 'https://avatars.example.com/',
    is_verified: false,
  };
}
