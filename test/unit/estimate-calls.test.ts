import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY } from '../../src/http/graphiql.js';
import {
  connectionPages,
  MUTATION_FIELD_CALLS,
  UNKNOWN_LIST_LENGTH,
} from '../../src/operation-cost/cost-model.js';
import { estimateOf } from '../helpers/estimate.js';

const estimate = estimateOf;

describe('the Slack-call estimate', () => {
  it('costs nothing for introspection and __typename', () => {
    expect(
      estimate('{ __typename __schema { types { name } } __type(name: "Query") { name } }'),
    ).toBe(0);
  });

  it('counts one page for a connection of the default size', () => {
    expect(estimate('{ conversations { edges { node { id name } } } }')).toBe(1);
  });

  it('turns first into pages of 999', () => {
    expect(connectionPages(0)).toBe(1);
    expect(connectionPages(998)).toBe(1);
    expect(connectionPages(999)).toBe(2);
    expect(
      estimate('query($n: Int) { conversations(first: $n) { pageInfo { hasNextPage } } }', {
        n: 1000,
      }),
    ).toBe(2);
  });

  it('pages history and replies 15 at a time for an unlisted app (SLACK_UNLISTED_APP)', () => {
    const unlisted = { unlistedApp: true };
    const history =
      'query($n: Int) { conversation(id: "C1") { messages(first: $n) { edges { node { ts } } } } }';
    // conversations.info, then ceil((n + 1) / 15) history pages (one for a listed app).
    expect(estimate(history, { n: 100 })).toBe(1 + 1);
    expect(estimate(history, { n: 100 }, unlisted)).toBe(1 + 7);
    expect(estimate(history, { n: 14 }, unlisted)).toBe(1 + 1);
    expect(estimate(history, { n: 15 }, unlisted)).toBe(1 + 2);
    const replies = `{ conversation(id: "C1") { messages(first: 2) { edges { node {
      replies(first: 30) { edges { node { ts } } } } } } } }`;
    expect(estimate(replies)).toBe(1 + 1 + 2 * 1);
    expect(estimate(replies, {}, unlisted)).toBe(1 + 1 + 2 * 3);
    // Methods outside Slack's 2025 rule keep their pages of 999.
    const lists =
      '{ conversations(first: 500) { pageInfo { hasNextPage } } conversation(id: "C1") { members(first: 500) { pageInfo { hasNextPage } } } }';
    expect(estimate(lists, {}, unlisted)).toBe(estimate(lists));
  });

  it('counts nothing for a connection whose first the resolver will refuse', () => {
    expect(estimate('{ conversations(first: -1) { edges { node { id } } } }')).toBe(0);
    expect(estimate('{ conversations(first: 1001) { edges { node { id } } } }')).toBe(0);
  });

  it('multiplies nested connections by first', () => {
    const source = `query($a: Int, $b: Int) {
      conversations(first: $a) { edges { node { members(first: $b) { edges { node { id } } } } } }
    }`;
    expect(estimate(source, { a: 10, b: 20 })).toBe(1 + 10 * 1);
    const withNames = source.replace('node { id }', 'node { id name }');
    expect(estimate(withNames, { a: 10, b: 20 })).toBe(1 + 10 * (1 + 20));
  });

  it('adds a conversations.info call per listed conversation only for fields lists lack', () => {
    const listed =
      '{ conversations(first: 7) { edges { node { id name topic { value } isArchived } } } }';
    expect(estimate(listed)).toBe(1);
    const needsInfo = '{ conversations(first: 7) { edges { node { id numMembers lastRead } } } }';
    expect(estimate(needsInfo)).toBe(1 + 7);
  });

  it('counts numMembers on a conversation loaded by node as a second info call', () => {
    expect(estimate('{ node(id: "C1") { ... on Conversation { name } } }')).toBe(1);
    expect(estimate('{ node(id: "C1") { ... on Conversation { numMembers } } }')).toBe(2);
    expect(estimate('{ conversation(id: "C1") { numMembers locale } }')).toBe(1);
  });

  it('counts a user lookup per referenced user that needs more than its id', () => {
    expect(estimate('{ conversation(id: "C1") { creator { id } } }')).toBe(1);
    expect(
      estimate('{ conversation(id: "C1") { creator { name } topic { creator { name } } } }'),
    ).toBe(3);
  });

  it('counts the length of nodes(ids) and the worst of the possible types', () => {
    const source = `query($ids: [ID!]!) { nodes(ids: $ids) {
      ... on Conversation { numMembers }
      ... on User { name }
    } }`;
    expect(estimate(source, { ids: ['C1', 'U1', 'C2'] })).toBe(3 * 2);
  });

  it('counts one lookup per federation entity representation', () => {
    const source = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Conversation { name }
      ... on User { name }
    } }`;
    const representations = [
      { __typename: 'Conversation', id: 'C1' },
      { __typename: 'User', id: 'U1' },
    ];
    expect(estimate(source, { representations })).toBe(2);
  });

  it('adds the one list page a batch of five or more lookups may read in vain', () => {
    const source = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    expect(estimate(source, { ids: ['C1', 'C2', 'C3', 'C4'] })).toBe(4);
    expect(estimate(source, { ids: ['C1', 'C2', 'C3', 'C4', 'C5'] })).toBe(5 + 1);
  });

  it('assumes lists of unknown length', () => {
    const source = '{ conversation(id: "C1") { latest { reactions { users { name } } } } }';
    expect(estimate(source)).toBe(1 + UNKNOWN_LIST_LENGTH * UNKNOWN_LIST_LENGTH);
  });

  it('knows that messages reached from their conversation need no call for it', () => {
    expect(
      estimate(
        '{ conversation(id: "C1") { messages(first: 5) { edges { node { conversation { name } } } } } }',
      ),
    ).toBe(2);
    expect(estimate('{ node(id: "M1") { ... on Message { conversation { name } } } }')).toBe(2);
  });

  it('counts auth.test once per viewer and team.info for the domain', () => {
    expect(estimate('{ viewer { user { id } team { id name } } }')).toBe(1);
    expect(estimate('{ viewer { team { domain } } }')).toBe(2);
  });

  it('adds aliases', () => {
    expect(estimate('{ a: conversation(id: "C1") { id } b: conversation(id: "C2") { id } }')).toBe(
      2,
    );
  });

  it('honours @skip and @include with their variables', () => {
    const source = `query($skip: Boolean!) {
      a: conversation(id: "C1") @skip(if: $skip) { id }
      b: conversation(id: "C2") @include(if: $skip) { id }
      c: conversation(id: "C3") { id }
    }`;
    expect(estimate(source, { skip: true })).toBe(2);
    expect(estimate(source, { skip: false })).toBe(2);
  });

  it('expands fragments, named and inline, once per use', () => {
    const source = `
      query { a: conversation(id: "C1") { ...F } b: conversation(id: "C2") { ... on Conversation { ...F } } }
      fragment F on Conversation { members(first: 3) { edges { node { name } } } }`;
    expect(estimate(source)).toBe(2 * (1 + 1 + 3));
  });

  it('counts every mutation field as a write with its check and repeat', () => {
    const source = `mutation {
      a: archiveConversation(input: { id: "C1" }) { __typename }
      b: archiveConversation(input: { id: "C2" }) { __typename }
    }`;
    expect(estimate(source)).toBe(2 * MUTATION_FIELD_CALLS);
  });

  it('keeps the GraphiQL example query cheap', () => {
    expect(estimate(DEFAULT_QUERY)).toBeLessThanOrEqual(20);
  });
});
