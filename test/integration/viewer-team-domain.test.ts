import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/**
 * `viewer.team.domain` comes from auth.test's `url` (`https://<domain>.slack.com/`), which the
 * viewer already costs: no team.info call, so a token without `team:read` still gets it.
 */

const TEAM = { id: SCENARIO_IDS.team, name: 'Scenario', domain: 'scenario' };

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

async function viewerTeam(token: string) {
  gw.resetEmulatorCalls();
  const { body } = await gw.graphql<{ viewer: { team: Record<string, string> } }>(
    '{ viewer { team { id name domain } } }',
    {},
    { token },
  );
  return { body, calls: gw.emulatorCalls() };
}

describe('viewer.team.domain', () => {
  it('costs only auth.test', async () => {
    const { body, calls } = await viewerTeam(SCENARIO_TOKENS.alice);
    expect(body.errors).toBeUndefined();
    expect(body.data?.viewer.team).toEqual(TEAM);
    expect(calls).toEqual({ calls: { 'auth.test': 1 }, total: 1 });
  });

  it('answers a token without team:read', async () => {
    const { body, calls } = await viewerTeam(SCENARIO_TOKENS.readOnly);
    expect(body.errors).toBeUndefined();
    expect(body.data?.viewer.team).toEqual(TEAM);
    expect(calls).toEqual({ calls: { 'auth.test': 1 }, total: 1 });
  });

  it('is the same for the caller’s Team entity, from auth.test alone', async () => {
    gw.resetEmulatorCalls();
    const { body } = await gw.graphql<{ _entities: Record<string, string>[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Team { id name domain } } }',
      { r: [{ __typename: 'Team', id: SCENARIO_IDS.team }] },
      { token: SCENARIO_TOKENS.bob },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([TEAM]);
    expect(gw.emulatorCalls()).toEqual({ calls: { 'auth.test': 1 }, total: 1 });
  });
});
