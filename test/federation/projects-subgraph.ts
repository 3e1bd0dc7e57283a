import {
  type ProjectsService,
  type StoredProject,
  startProjectsService,
} from '../../examples/supergraph/projects-service.js';
import { SCENARIO_IDS } from '../fixtures/scenario-workspace.js';

const { conversations: c, users: u } = SCENARIO_IDS;

/**
 * The projects of the scenario workspace. `prj_skunkworks` lives in bob's private channel, which
 * alice's token cannot see.
 */
export const PROJECTS: readonly StoredProject[] = [
  {
    id: 'prj_launch',
    name: 'Launch',
    channel: c.general,
    conversations: [c.general, c.random],
    owner: u.alice,
  },
  {
    id: 'prj_hiring',
    name: 'Hiring',
    channel: c.private,
    conversations: [c.private, c.general],
    owner: u.bob,
  },
  {
    id: 'prj_skunkworks',
    name: 'Skunkworks',
    channel: c.secret,
    conversations: [c.secret],
    owner: u.carol,
  },
];

export type ProjectsSubgraph = ProjectsService;

/**
 * The example projects subgraph (examples/supergraph/projects-service.ts) over the scenario
 * workspace, on a free port of 127.0.0.1.
 */
export function startProjectsSubgraph(): Promise<ProjectsSubgraph> {
  return startProjectsService(PROJECTS, { port: 0, host: '127.0.0.1' });
}
