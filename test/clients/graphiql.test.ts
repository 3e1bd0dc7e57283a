import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../../src/app.js';
import { parseConfig, withOverrides } from '../../src/config.js';
import { schema } from '../../src/graphql/schema.js';
import {
  CREATE_CONVERSATION_MUTATION,
  DEFAULT_QUERY,
  graphiqlOptionsFor,
  THREADS_QUERY,
} from '../../src/http/graphiql.js';
import { SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway } from '../helpers/gateway.js';

const DEMO_TOKEN = 'xoxp-demo-graphiql-test';

async function graphiqlHtml(url: string): Promise<string> {
  const response = await fetch(url, { headers: { accept: 'text/html' } });
  expect(response.status).toBe(200);
  return response.text();
}

describe('GraphiQL tabs', () => {
  it('opens three tabs, each valid against the schema', () => {
    const tabs = graphiqlOptionsFor().defaultTabs ?? [];
    expect(tabs.map((tab) => tab.query)).toEqual([
      DEFAULT_QUERY,
      CREATE_CONVERSATION_MUTATION,
      THREADS_QUERY,
    ]);
    for (const tab of tabs) {
      expect(validate(schema, parse(tab.query ?? ''))).toEqual([]);
    }
  });

  it('runs the mutation tab: a payload first, then Slack’s name_taken as a MutationError', async () => {
    const gw = await startTestGateway();
    try {
      const first = await gw.graphql(CREATE_CONVERSATION_MUTATION);
      const second = await gw.graphql(CREATE_CONVERSATION_MUTATION);
      expect(first.body).toMatchObject({
        data: {
          createConversation: {
            __typename: 'CreateConversationPayload',
            conversation: { name: 'graphiql-demo', isPrivate: false },
          },
        },
      });
      expect(second.body).toMatchObject({
        data: { createConversation: { __typename: 'NameTakenError', code: 'name_taken' } },
      });
    } finally {
      await gw.close();
    }
  });
});

describe('GraphiQL in demo mode', () => {
  it('pre-fills the demo token, and never persists headers', async () => {
    const gateway = await startGateway(
      withOverrides(parseConfig({ LOG_LEVEL: 'silent', PORT: '0' }), {
        // What src/main.ts does in demo mode; the backend is never called here.
        slack: { apiUrl: 'http://127.0.0.1:9/api/', defaultToken: DEMO_TOKEN },
      }),
    );
    try {
      const html = await graphiqlHtml(gateway.url);
      expect(html).toContain('"shouldPersistHeaders":false');
      expect(html).toContain(
        JSON.stringify(JSON.stringify({ Authorization: `Bearer ${DEMO_TOKEN}` })),
      );
    } finally {
      await gateway.close();
    }
  });

  it('never writes a real default token into the page', async () => {
    const gw = await startTestGateway({
      gatewayConfig: { slack: { defaultToken: SCENARIO_TOKENS.alice } },
    });
    try {
      const html = await graphiqlHtml(gw.url);
      expect(html).not.toContain(SCENARIO_TOKENS.alice);
      expect(html).toContain('"shouldPersistHeaders":false');
    } finally {
      await gw.close();
    }
  });
});
