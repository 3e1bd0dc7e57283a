import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GENERATED_TOKENS,
  generateWorkspace,
} from '../../src/emulator/state/generate-workspace.js';
import { SCENARIO_IDS } from '../fixtures/scenario-workspace.js';
import { graphql } from '../gql/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { sendOk } from './typed-graphql.js';

const ChannelDirectory = graphql(`
  query ChannelDirectory {
    conversations(first: 200) {
      edges {
        node {
          id
          name
          creator { id name }
          topic { value creator { name } }
          purpose { value creator { name realName } }
        }
      }
      pageInfo { hasNextPage }
    }
  }
`);

const ChannelPage = graphql(`
  query ChannelPage($id: ID!) {
    conversation(id: $id) {
      name
      numMembers
      members(first: 50) { edges { node { id name realName } } }
      messages(first: 50) {
        edges { node { ts text replyCount user { id name displayName } } }
      }
    }
  }
`);

const Threads = graphql(`
  query Threads($id: ID!) {
    conversation(id: $id) {
      messages(first: 5) {
        edges { node { ts replies(first: 10) { edges { node { ts } } pageInfo { hasNextPage } } } }
      }
    }
  }
`);

const TwiceTheSameList = graphql(`
  query TwiceTheSameList {
    a: conversations(first: 5) { edges { node { id } } }
    b: conversations(first: 5) { edges { node { name } } }
  }
`);

const ListsOfTwoLengths = graphql(`
  query ListsOfTwoLengths {
    a: conversations(first: 5) { edges { node { id } } }
    b: conversations(first: 150) { edges { node { id } } }
  }
`);

describe('Slack calls per operation', () => {
  describe('a workspace of 250 public channels and 60 users', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      const workspace = generateWorkspace({
        seed: 7,
        channels: 250,
        users: 60,
        messages: 0,
        privateRatio: 0,
        ims: 0,
        mpims: 0,
      });
      gateway = await startTestGateway({ workspace, token: GENERATED_TOKENS.user });
    });
    afterAll(async () => {
      await gateway.close();
    });

    it('lists 200 conversations with topic, purpose and creator names in 2 calls', async () => {
      gateway.resetEmulatorCalls();
      const data = await sendOk(gateway, ChannelDirectory);
      expect(data.conversations.edges).toHaveLength(200);
      expect(data.conversations.pageInfo.hasNextPage).toBe(true);
      expect(data.conversations.edges.every((edge) => edge.node.creator?.name)).toBe(true);
      // The minimum: conversations.list cannot be skipped, and one page (limit 999, the largest:
      // Slack filters a page after cutting it) carries topic, purpose and creator IDs. Names are not in
      // the list, so users must be asked at least once: the ~dozens of distinct creators and
      // topic/purpose setters are one batch, which one users.list page (all 60 users) answers.
      expect(gateway.emulatorCalls()).toEqual({
        calls: { 'conversations.list': 1, 'users.list': 1 },
        total: 2,
      });
    });

    it('makes an identical list call once per operation', async () => {
      gateway.resetEmulatorCalls();
      const data = await sendOk(gateway, TwiceTheSameList);
      expect(data.a.edges.map((edge) => edge.node.id)).toHaveLength(5);
      // Both aliases ask conversations.list with the same arguments: one call.
      expect(gateway.emulatorCalls()).toEqual({ calls: { 'conversations.list': 1 }, total: 1 });
    });
  });

  describe('a workspace of 300 channels, about a third of them private', () => {
    let gateway: TestGateway;
    const workspace = generateWorkspace({
      seed: 5,
      channels: 300,
      users: 60,
      messages: 0,
      privateRatio: 0.35,
      ims: 0,
      mpims: 0,
    });
    const publicIds = workspace.conversations
      .filter((conversation) => conversation.is_private !== true)
      .map((conversation) => conversation.id);
    beforeAll(async () => {
      gateway = await startTestGateway({ workspace, token: GENERATED_TOKENS.user });
    });
    afterAll(async () => {
      await gateway.close();
    });

    it('lists 200 public channels with one conversations.list call', async () => {
      gateway.resetEmulatorCalls();
      const data = await sendOk(gateway, ChannelDirectory);
      expect(publicIds.length).toBeLessThan(200);
      expect(data.conversations.edges.map((edge) => edge.node.id).sort()).toEqual(
        [...publicIds].sort(),
      );
      expect(data.conversations.pageInfo.hasNextPage).toBe(false);
      // Slack cuts a page before dropping private channels: a limit of 201 would come back
      // short and need a second call; the largest page holds every public channel at once.
      expect(gateway.emulatorCalls().calls['conversations.list']).toBe(1);
    });

    it('answers lists of different lengths from one shared conversations.list call', async () => {
      gateway.resetEmulatorCalls();
      const data = await sendOk(gateway, ListsOfTwoLengths);
      expect(data.a.edges).toHaveLength(5);
      expect(data.b.edges.slice(0, 5)).toEqual(data.a.edges);
      expect(gateway.emulatorCalls()).toEqual({ calls: { 'conversations.list': 1 }, total: 1 });
    });
  });

  describe('a channel with 79 members and over 100 top-level messages', () => {
    let gateway: TestGateway;
    const workspace = generateWorkspace({
      seed: 11,
      channels: 2,
      users: 80,
      messages: 400,
      ims: 0,
      mpims: 0,
    });
    const general = workspace.conversations[0];
    beforeAll(async () => {
      gateway = await startTestGateway({ workspace, token: GENERATED_TOKENS.user });
    });
    afterAll(async () => {
      await gateway.close();
    });

    it('serves numMembers, 50 member names and 50 messages with authors in 4 calls', async () => {
      expect(general?.members.length).toBeGreaterThan(50);
      gateway.resetEmulatorCalls();
      const data = await sendOk(gateway, ChannelPage, { id: general?.id ?? '' });
      expect(data.conversation?.numMembers).toBe(general?.members.length);
      expect(data.conversation?.members.edges).toHaveLength(50);
      expect(data.conversation?.messages.edges).toHaveLength(50);
      expect(data.conversation?.messages.edges.every((edge) => edge.node.user?.name)).toBe(true);
      // The minimum: conversations.info is the only source of num_members, asked once with
      // include_num_members because the query selects numMembers; conversations.members (limit
      // 51) and conversations.history (limit 51; reply counts come with the messages) are one
      // page each; member and author names need the users at least once, and one users.list page
      // holds all 80. The users of both lists are one batch or primed by the first users.list.
      expect(gateway.emulatorCalls()).toEqual({
        calls: {
          'conversations.info': 1,
          'conversations.members': 1,
          'conversations.history': 1,
          'users.list': 1,
        },
        total: 4,
      });
    });
  });

  describe('the scenario workspace', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway();
    });
    afterAll(async () => {
      await gateway.close();
    });

    it('reads each thread once and answers plain messages without conversations.replies', async () => {
      gateway.resetEmulatorCalls();
      const data = await sendOk(gateway, Threads, { id: SCENARIO_IDS.conversations.general });
      const threads = data.conversation?.messages.edges.map((edge) =>
        edge.node.replies.edges.map((reply) => reply.node.ts),
      );
      const thread = [SCENARIO_IDS.generalThread, ...SCENARIO_IDS.generalReplies];
      expect(threads).toEqual([
        ['1700000700.000700'],
        ['1700000600.000600'],
        thread,
        thread,
        ['1700000100.000100'],
      ]);
      // The minimum: conversations.info (the conversation must exist) and one history page; the
      // broadcast reply and its parent share one thread, so one conversations.replies call with
      // the same arguments serves both; the three plain messages start no thread, and Slack
      // would answer each with just itself.
      expect(gateway.emulatorCalls()).toEqual({
        calls: { 'conversations.info': 1, 'conversations.history': 1, 'conversations.replies': 1 },
        total: 3,
      });
    });
  });
});
