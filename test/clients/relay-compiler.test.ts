import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema.js';
import { SCENARIO_IDS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { compileRelayProject, type RelayResult } from './relay-project.js';

const REFETCH_QUERIES = [
  'UserConversationsPaginationQuery',
  'ConversationMembersPaginationQuery',
  'ConversationMessagesPaginationQuery',
  'MessageRepliesPaginationQuery',
  'ConversationListPaginationQuery',
  'ViewerConversationsPaginationQuery',
];

describe('relay-compiler against schema/schema.graphql', () => {
  let compiled: RelayResult;
  let gw: TestGateway;

  beforeAll(async () => {
    compiled = await compileRelayProject();
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('compiles the @connection and @refetchable fragments of every paginated connection', () => {
    expect(compiled.output).not.toMatch(/error/i);
    expect(compiled.ok).toBe(true);
    for (const name of REFETCH_QUERIES) {
      const artifact = compiled.artifacts.get(name);
      expect(artifact?.kind, name).toBe('Request');
    }
  });

  it('emits pagination queries that are valid against the gateway schema', () => {
    for (const name of [...REFETCH_QUERIES, 'ConversationPageQuery']) {
      const text = compiled.artifacts.get(name)?.params?.text ?? '';
      expect(validate(schema, parse(text)), name).toEqual([]);
    }
  });

  it('refetches a user and pages its conversations through Query.node', async () => {
    const text = compiled.artifacts.get('UserConversationsPaginationQuery')?.params?.text ?? '';
    const page = async (count: number, cursor: string | null): Promise<UserConnection> => {
      const { body } = await gw.graphql<RelayUserPage>(text, {
        id: SCENARIO_IDS.users.alice,
        count,
        cursor,
      });
      expect(body.errors).toBeUndefined();
      const connection = body.data?.node?.conversations;
      if (connection === undefined) throw new Error('no connection');
      return connection;
    };
    const ids: string[] = [];
    let connection = await page(2, null);
    ids.push(...connection.edges.map((edge) => edge.node.id));
    while (connection.pageInfo.hasNextPage && ids.length < 100) {
      connection = await page(2, connection.pageInfo.endCursor);
      ids.push(...connection.edges.map((edge) => edge.node.id));
    }
    const all = (await page(1000, null)).edges.map((edge) => edge.node.id);
    expect(all.length).toBeGreaterThan(2);
    expect(ids).toEqual(all);
  });

  it('refuses @refetchable on a type that is not a Node', async () => {
    const broken = await compileRelayProject({
      BrokenTopic: `fragment BrokenTopic_topic on Topic @refetchable(queryName: "BrokenTopicQuery") {
  value
}`,
    });
    expect(broken.ok).toBe(false);
    expect(broken.output).toContain('BrokenTopicQuery');
  });
});

interface UserConnection {
  edges: Array<{ node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface RelayUserPage {
  node: { conversations: UserConnection } | null;
}
