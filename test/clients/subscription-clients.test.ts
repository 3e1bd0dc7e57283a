import { ApolloClient, gql, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { Client, subscriptionExchange } from '@urql/core';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SCENARIO_IDS, SCENARIO_TOKENS } from '../fixtures/scenario-workspace.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { untilStreams } from '../helpers/subscription-clients.js';

const SUBSCRIPTION = `subscription Topics($id: ID!) {
  conversationChanged(conversationId: $id) { kind value conversation { id topic { value } } }
}`;

interface Changed {
  conversationChanged: { kind: string; value: string; conversation: { topic: { value: string } } };
}

describe('frontend clients subscribe over graphql-ws', () => {
  let gw: TestGateway;
  let wsClient: ReturnType<typeof createClient>;

  beforeAll(async () => {
    gw = await startTestGateway({ liveEvents: true, gatewayConfig: { cache: { enabled: true } } });
    wsClient = createClient({
      url: gw.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${SCENARIO_TOKENS.alice}` },
      retryAttempts: 0,
    });
  });
  afterAll(async () => {
    await wsClient.dispose();
    await gw.close();
  });

  async function setTopic(topic: string): Promise<void> {
    const response = await fetch(`${gw.emulator.url}conversations.setTopic`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SCENARIO_TOKENS.bob}` },
      body: new URLSearchParams({ channel: SCENARIO_IDS.conversations.random, topic }),
    });
    expect(await response.json()).toMatchObject({ ok: true });
  }

  it('Apollo Client (GraphQLWsLink) receives a change made elsewhere', async () => {
    await untilStreams(gw.gateway, 0);
    const client = new ApolloClient({
      link: new GraphQLWsLink(wsClient),
      cache: new InMemoryCache(),
    });
    const received = new Promise<Changed>((resolve, reject) => {
      const subscription = client
        .subscribe<Changed>({
          query: gql(SUBSCRIPTION),
          variables: { id: SCENARIO_IDS.conversations.random },
        })
        .subscribe({
          next: (result) => {
            if (result.data) {
              subscription.unsubscribe();
              resolve(result.data as Changed);
            }
          },
          error: reject,
        });
    });
    await untilStreams(gw.gateway, 1);
    await setTopic('Apollo topic');
    const data = await received;
    expect(data.conversationChanged).toMatchObject({
      kind: 'TOPIC_CHANGED',
      value: 'Apollo topic',
      conversation: { topic: { value: 'Apollo topic' } },
    });
    client.stop();
  });

  it('urql (subscriptionExchange over graphql-ws) receives a change made elsewhere', async () => {
    await untilStreams(gw.gateway, 0);
    const client = new Client({
      url: gw.url,
      exchanges: [
        subscriptionExchange({
          forwardSubscription: (request) => ({
            subscribe: (sink) => ({
              unsubscribe: wsClient.subscribe({ ...request, query: request.query ?? '' }, sink),
            }),
          }),
        }),
      ],
    });
    const received = new Promise<Changed>((resolve, reject) => {
      const { unsubscribe } = client
        .subscription<Changed>(SUBSCRIPTION, { id: SCENARIO_IDS.conversations.random })
        .subscribe((result) => {
          if (result.error) reject(result.error);
          else if (result.data) {
            unsubscribe();
            resolve(result.data);
          }
        });
    });
    await untilStreams(gw.gateway, 1);
    await setTopic('urql topic');
    const data = await received;
    expect(data.conversationChanged).toMatchObject({ kind: 'TOPIC_CHANGED', value: 'urql topic' });
  });
});
