/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ClientConversationsPage($first: Int, $after: String, $types: [ConversationType!]) {\n    conversations(first: $first, after: $after, types: $types) {\n      edges { cursor node { id name } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ClientConversationsPageDocument,
    "\n  query ClientMembersPage($id: ID!, $first: Int, $after: String) {\n    conversation(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.ClientMembersPageDocument,
    "\n  query ChannelDirectory {\n    conversations(first: 200) {\n      edges {\n        node {\n          id\n          name\n          creator { id name }\n          topic { value creator { name } }\n          purpose { value creator { name realName } }\n        }\n      }\n      pageInfo { hasNextPage }\n    }\n  }\n": typeof types.ChannelDirectoryDocument,
    "\n  query ChannelPage($id: ID!) {\n    conversation(id: $id) {\n      name\n      numMembers\n      members(first: 50) { edges { node { id name realName } } }\n      messages(first: 50) {\n        edges { node { ts text replyCount user { id name displayName } } }\n      }\n    }\n  }\n": typeof types.ChannelPageDocument,
    "\n  query Threads($id: ID!) {\n    conversation(id: $id) {\n      messages(first: 5) {\n        edges { node { ts replies(first: 10) { edges { node { ts } } pageInfo { hasNextPage } } } }\n      }\n    }\n  }\n": typeof types.ThreadsDocument,
    "\n  query TwiceTheSameList {\n    a: conversations(first: 5) { edges { node { id } } }\n    b: conversations(first: 5) { edges { node { name } } }\n  }\n": typeof types.TwiceTheSameListDocument,
    "\n  query ListsOfTwoLengths {\n    a: conversations(first: 5) { edges { node { id } } }\n    b: conversations(first: 150) { edges { node { id } } }\n  }\n": typeof types.ListsOfTwoLengthsDocument,
    "\n  query ConversationAndViewer($id: ID!) {\n    conversation(id: $id) { id name }\n    viewer { user { id } }\n  }\n": typeof types.ConversationAndViewerDocument,
    "\n  query ConversationMessages($id: ID!) {\n    conversation(id: $id) { id name messages(first: 1) { edges { node { ts } } } }\n  }\n": typeof types.ConversationMessagesDocument,
    "\n  query ListPage($first: Int, $after: String, $last: Int, $before: String, $excludeArchived: Boolean) {\n    conversations(first: $first, after: $after, last: $last, before: $before, excludeArchived: $excludeArchived) {\n      edges { cursor node { id } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n": typeof types.ListPageDocument,
    "\n  query MyPage($after: String) {\n    viewer { conversations(first: 1, after: $after) { pageInfo { endCursor } } }\n  }\n": typeof types.MyPageDocument,
    "\n  query OneUser($id: ID!) { user(id: $id) { id name } }\n": typeof types.OneUserDocument,
    "\n  query WorkspacePage($first: Int, $after: String, $types: [ConversationType!], $excludeArchived: Boolean) {\n    conversations(first: $first, after: $after, types: $types, excludeArchived: $excludeArchived) {\n      edges { cursor node { id } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.WorkspacePageDocument,
    "\n  query MyConversationsPage($first: Int, $after: String, $types: [ConversationType!], $excludeArchived: Boolean) {\n    viewer {\n      conversations(first: $first, after: $after, types: $types, excludeArchived: $excludeArchived) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.MyConversationsPageDocument,
    "\n  query GeneralPages($id: ID!, $first: Int, $membersAfter: String, $messagesAfter: String) {\n    conversation(id: $id) {\n      members(first: $first, after: $membersAfter) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage endCursor }\n      }\n      messages(first: $first, after: $messagesAfter) {\n        edges { cursor node { id: ts } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.GeneralPagesDocument,
    "\n  query ConversationDetails($id: ID!) {\n    conversation(id: $id) {\n      id\n      type\n      name\n      nameNormalized\n      created\n      updated\n      creator { id name }\n      user { id }\n      isChannel isGroup isIm isMpim isPrivate isArchived isGeneral isShared isExtShared\n      isOrgShared isPendingExtShared isMember isOpen isFrozen isReadOnly\n      topic { value creator { id name } lastSet }\n      purpose { value creator { id } lastSet }\n      properties { tabs { id } postingRestrictedTo { types } canvas { fileId } }\n      previousNames\n      numMembers\n      locale\n      contextTeamId\n      sharedTeamIds\n    }\n  }\n": typeof types.ConversationDetailsDocument,
    "\n  query ImDetails($id: ID!) {\n    conversation(id: $id) {\n      id type name isIm isChannel isPrivate isMpim isOpen isUserDeleted\n      user { id name realName }\n      creator { id }\n      topic { value }\n      numMembers\n      lastRead\n      unreadCount\n    }\n  }\n": typeof types.ImDetailsDocument,
    "\n  query Everything {\n    viewer {\n      user { id name realName displayName isBot isAdmin deleted tz }\n      team { id name domain }\n      conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM], first: 50) {\n        edges { node { id type } }\n        pageInfo { hasNextPage }\n      }\n    }\n    all: conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM], first: 100) {\n      edges { cursor node { id type isArchived } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n    live: conversations(excludeArchived: true, first: 100) {\n      edges { node { id } }\n    }\n    dave: user(id: \"U0DAVE\") { id name deleted }\n  }\n": typeof types.EverythingDocument,
    "\n  query Thread($id: ID!) {\n    conversation(id: $id) {\n      members(first: 10) { edges { node { id name } } pageInfo { hasNextPage } }\n      messages(first: 10) {\n        edges {\n          node {\n            id ts text subtype threadTs replyCount replyUsersCount latestReply createdAt botId\n            user { id name }\n            reactions { name count users { id } }\n            conversation { id name }\n            replies(first: 10) { edges { node { ts text parentUser { id } } } pageInfo { hasNextPage } }\n          }\n        }\n        pageInfo { hasNextPage }\n      }\n    }\n  }\n": typeof types.ThreadDocument,
    "\n  query History($id: ID!, $oldest: String, $latest: String, $inclusive: Boolean) {\n    conversation(id: $id) {\n      messages(oldest: $oldest, latest: $latest, inclusive: $inclusive) { edges { node { ts } } }\n    }\n  }\n": typeof types.HistoryDocument,
    "\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Conversation { name }\n      ... on User { username: name }\n      ... on Message { ts text conversation { id } }\n    }\n  }\n": typeof types.NodesDocument,
    "\n  query BobsConversations {\n    user(id: \"U0BOB\") {\n      conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM]) { edges { node { id } } }\n    }\n  }\n": typeof types.BobsConversationsDocument,
    "\n      query ReplyIds($id: ID!) {\n        conversation(id: $id) {\n          messages(first: 4) { edges { node { replies(first: 2) { edges { node { id ts } } } } } }\n        }\n      }\n    ": typeof types.ReplyIdsDocument,
    "\n  query PropertiesQuery($id: ID!) {\n    conversation(id: $id) {\n      previousNames\n      properties {\n        postingRestrictedTo { types users { id name } subteamIds }\n        threadsRestrictedTo { types users { id } subteamIds }\n        tabs { id label type isDisabled }\n        canvas { fileId isEmpty quipThreadId }\n        atChannelRestricted\n        atHereRestricted\n        huddlesRestricted\n        sharingDisabled\n        membershipLimit\n        defaultTabId\n        autoOpenTabId\n        whoCanManageChannelAgent\n      }\n    }\n  }\n": typeof types.PropertiesQueryDocument,
};
const documents: Documents = {
    "\n  query ClientConversationsPage($first: Int, $after: String, $types: [ConversationType!]) {\n    conversations(first: $first, after: $after, types: $types) {\n      edges { cursor node { id name } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ClientConversationsPageDocument,
    "\n  query ClientMembersPage($id: ID!, $first: Int, $after: String) {\n    conversation(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.ClientMembersPageDocument,
    "\n  query ChannelDirectory {\n    conversations(first: 200) {\n      edges {\n        node {\n          id\n          name\n          creator { id name }\n          topic { value creator { name } }\n          purpose { value creator { name realName } }\n        }\n      }\n      pageInfo { hasNextPage }\n    }\n  }\n": types.ChannelDirectoryDocument,
    "\n  query ChannelPage($id: ID!) {\n    conversation(id: $id) {\n      name\n      numMembers\n      members(first: 50) { edges { node { id name realName } } }\n      messages(first: 50) {\n        edges { node { ts text replyCount user { id name displayName } } }\n      }\n    }\n  }\n": types.ChannelPageDocument,
    "\n  query Threads($id: ID!) {\n    conversation(id: $id) {\n      messages(first: 5) {\n        edges { node { ts replies(first: 10) { edges { node { ts } } pageInfo { hasNextPage } } } }\n      }\n    }\n  }\n": types.ThreadsDocument,
    "\n  query TwiceTheSameList {\n    a: conversations(first: 5) { edges { node { id } } }\n    b: conversations(first: 5) { edges { node { name } } }\n  }\n": types.TwiceTheSameListDocument,
    "\n  query ListsOfTwoLengths {\n    a: conversations(first: 5) { edges { node { id } } }\n    b: conversations(first: 150) { edges { node { id } } }\n  }\n": types.ListsOfTwoLengthsDocument,
    "\n  query ConversationAndViewer($id: ID!) {\n    conversation(id: $id) { id name }\n    viewer { user { id } }\n  }\n": types.ConversationAndViewerDocument,
    "\n  query ConversationMessages($id: ID!) {\n    conversation(id: $id) { id name messages(first: 1) { edges { node { ts } } } }\n  }\n": types.ConversationMessagesDocument,
    "\n  query ListPage($first: Int, $after: String, $last: Int, $before: String, $excludeArchived: Boolean) {\n    conversations(first: $first, after: $after, last: $last, before: $before, excludeArchived: $excludeArchived) {\n      edges { cursor node { id } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n": types.ListPageDocument,
    "\n  query MyPage($after: String) {\n    viewer { conversations(first: 1, after: $after) { pageInfo { endCursor } } }\n  }\n": types.MyPageDocument,
    "\n  query OneUser($id: ID!) { user(id: $id) { id name } }\n": types.OneUserDocument,
    "\n  query WorkspacePage($first: Int, $after: String, $types: [ConversationType!], $excludeArchived: Boolean) {\n    conversations(first: $first, after: $after, types: $types, excludeArchived: $excludeArchived) {\n      edges { cursor node { id } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.WorkspacePageDocument,
    "\n  query MyConversationsPage($first: Int, $after: String, $types: [ConversationType!], $excludeArchived: Boolean) {\n    viewer {\n      conversations(first: $first, after: $after, types: $types, excludeArchived: $excludeArchived) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.MyConversationsPageDocument,
    "\n  query GeneralPages($id: ID!, $first: Int, $membersAfter: String, $messagesAfter: String) {\n    conversation(id: $id) {\n      members(first: $first, after: $membersAfter) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage endCursor }\n      }\n      messages(first: $first, after: $messagesAfter) {\n        edges { cursor node { id: ts } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.GeneralPagesDocument,
    "\n  query ConversationDetails($id: ID!) {\n    conversation(id: $id) {\n      id\n      type\n      name\n      nameNormalized\n      created\n      updated\n      creator { id name }\n      user { id }\n      isChannel isGroup isIm isMpim isPrivate isArchived isGeneral isShared isExtShared\n      isOrgShared isPendingExtShared isMember isOpen isFrozen isReadOnly\n      topic { value creator { id name } lastSet }\n      purpose { value creator { id } lastSet }\n      properties { tabs { id } postingRestrictedTo { types } canvas { fileId } }\n      previousNames\n      numMembers\n      locale\n      contextTeamId\n      sharedTeamIds\n    }\n  }\n": types.ConversationDetailsDocument,
    "\n  query ImDetails($id: ID!) {\n    conversation(id: $id) {\n      id type name isIm isChannel isPrivate isMpim isOpen isUserDeleted\n      user { id name realName }\n      creator { id }\n      topic { value }\n      numMembers\n      lastRead\n      unreadCount\n    }\n  }\n": types.ImDetailsDocument,
    "\n  query Everything {\n    viewer {\n      user { id name realName displayName isBot isAdmin deleted tz }\n      team { id name domain }\n      conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM], first: 50) {\n        edges { node { id type } }\n        pageInfo { hasNextPage }\n      }\n    }\n    all: conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM], first: 100) {\n      edges { cursor node { id type isArchived } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n    live: conversations(excludeArchived: true, first: 100) {\n      edges { node { id } }\n    }\n    dave: user(id: \"U0DAVE\") { id name deleted }\n  }\n": types.EverythingDocument,
    "\n  query Thread($id: ID!) {\n    conversation(id: $id) {\n      members(first: 10) { edges { node { id name } } pageInfo { hasNextPage } }\n      messages(first: 10) {\n        edges {\n          node {\n            id ts text subtype threadTs replyCount replyUsersCount latestReply createdAt botId\n            user { id name }\n            reactions { name count users { id } }\n            conversation { id name }\n            replies(first: 10) { edges { node { ts text parentUser { id } } } pageInfo { hasNextPage } }\n          }\n        }\n        pageInfo { hasNextPage }\n      }\n    }\n  }\n": types.ThreadDocument,
    "\n  query History($id: ID!, $oldest: String, $latest: String, $inclusive: Boolean) {\n    conversation(id: $id) {\n      messages(oldest: $oldest, latest: $latest, inclusive: $inclusive) { edges { node { ts } } }\n    }\n  }\n": types.HistoryDocument,
    "\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Conversation { name }\n      ... on User { username: name }\n      ... on Message { ts text conversation { id } }\n    }\n  }\n": types.NodesDocument,
    "\n  query BobsConversations {\n    user(id: \"U0BOB\") {\n      conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM]) { edges { node { id } } }\n    }\n  }\n": types.BobsConversationsDocument,
    "\n      query ReplyIds($id: ID!) {\n        conversation(id: $id) {\n          messages(first: 4) { edges { node { replies(first: 2) { edges { node { id ts } } } } } }\n        }\n      }\n    ": types.ReplyIdsDocument,
    "\n  query PropertiesQuery($id: ID!) {\n    conversation(id: $id) {\n      previousNames\n      properties {\n        postingRestrictedTo { types users { id name } subteamIds }\n        threadsRestrictedTo { types users { id } subteamIds }\n        tabs { id label type isDisabled }\n        canvas { fileId isEmpty quipThreadId }\n        atChannelRestricted\n        atHereRestricted\n        huddlesRestricted\n        sharingDisabled\n        membershipLimit\n        defaultTabId\n        autoOpenTabId\n        whoCanManageChannelAgent\n      }\n    }\n  }\n": types.PropertiesQueryDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientConversationsPage($first: Int, $after: String, $types: [ConversationType!]) {\n    conversations(first: $first, after: $after, types: $types) {\n      edges { cursor node { id name } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ClientConversationsPage($first: Int, $after: String, $types: [ConversationType!]) {\n    conversations(first: $first, after: $after, types: $types) {\n      edges { cursor node { id name } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientMembersPage($id: ID!, $first: Int, $after: String) {\n    conversation(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClientMembersPage($id: ID!, $first: Int, $after: String) {\n    conversation(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChannelDirectory {\n    conversations(first: 200) {\n      edges {\n        node {\n          id\n          name\n          creator { id name }\n          topic { value creator { name } }\n          purpose { value creator { name realName } }\n        }\n      }\n      pageInfo { hasNextPage }\n    }\n  }\n"): (typeof documents)["\n  query ChannelDirectory {\n    conversations(first: 200) {\n      edges {\n        node {\n          id\n          name\n          creator { id name }\n          topic { value creator { name } }\n          purpose { value creator { name realName } }\n        }\n      }\n      pageInfo { hasNextPage }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChannelPage($id: ID!) {\n    conversation(id: $id) {\n      name\n      numMembers\n      members(first: 50) { edges { node { id name realName } } }\n      messages(first: 50) {\n        edges { node { ts text replyCount user { id name displayName } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ChannelPage($id: ID!) {\n    conversation(id: $id) {\n      name\n      numMembers\n      members(first: 50) { edges { node { id name realName } } }\n      messages(first: 50) {\n        edges { node { ts text replyCount user { id name displayName } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Threads($id: ID!) {\n    conversation(id: $id) {\n      messages(first: 5) {\n        edges { node { ts replies(first: 10) { edges { node { ts } } pageInfo { hasNextPage } } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Threads($id: ID!) {\n    conversation(id: $id) {\n      messages(first: 5) {\n        edges { node { ts replies(first: 10) { edges { node { ts } } pageInfo { hasNextPage } } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TwiceTheSameList {\n    a: conversations(first: 5) { edges { node { id } } }\n    b: conversations(first: 5) { edges { node { name } } }\n  }\n"): (typeof documents)["\n  query TwiceTheSameList {\n    a: conversations(first: 5) { edges { node { id } } }\n    b: conversations(first: 5) { edges { node { name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListsOfTwoLengths {\n    a: conversations(first: 5) { edges { node { id } } }\n    b: conversations(first: 150) { edges { node { id } } }\n  }\n"): (typeof documents)["\n  query ListsOfTwoLengths {\n    a: conversations(first: 5) { edges { node { id } } }\n    b: conversations(first: 150) { edges { node { id } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationAndViewer($id: ID!) {\n    conversation(id: $id) { id name }\n    viewer { user { id } }\n  }\n"): (typeof documents)["\n  query ConversationAndViewer($id: ID!) {\n    conversation(id: $id) { id name }\n    viewer { user { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationMessages($id: ID!) {\n    conversation(id: $id) { id name messages(first: 1) { edges { node { ts } } } }\n  }\n"): (typeof documents)["\n  query ConversationMessages($id: ID!) {\n    conversation(id: $id) { id name messages(first: 1) { edges { node { ts } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListPage($first: Int, $after: String, $last: Int, $before: String, $excludeArchived: Boolean) {\n    conversations(first: $first, after: $after, last: $last, before: $before, excludeArchived: $excludeArchived) {\n      edges { cursor node { id } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n"): (typeof documents)["\n  query ListPage($first: Int, $after: String, $last: Int, $before: String, $excludeArchived: Boolean) {\n    conversations(first: $first, after: $after, last: $last, before: $before, excludeArchived: $excludeArchived) {\n      edges { cursor node { id } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPage($after: String) {\n    viewer { conversations(first: 1, after: $after) { pageInfo { endCursor } } }\n  }\n"): (typeof documents)["\n  query MyPage($after: String) {\n    viewer { conversations(first: 1, after: $after) { pageInfo { endCursor } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OneUser($id: ID!) { user(id: $id) { id name } }\n"): (typeof documents)["\n  query OneUser($id: ID!) { user(id: $id) { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkspacePage($first: Int, $after: String, $types: [ConversationType!], $excludeArchived: Boolean) {\n    conversations(first: $first, after: $after, types: $types, excludeArchived: $excludeArchived) {\n      edges { cursor node { id } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query WorkspacePage($first: Int, $after: String, $types: [ConversationType!], $excludeArchived: Boolean) {\n    conversations(first: $first, after: $after, types: $types, excludeArchived: $excludeArchived) {\n      edges { cursor node { id } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyConversationsPage($first: Int, $after: String, $types: [ConversationType!], $excludeArchived: Boolean) {\n    viewer {\n      conversations(first: $first, after: $after, types: $types, excludeArchived: $excludeArchived) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyConversationsPage($first: Int, $after: String, $types: [ConversationType!], $excludeArchived: Boolean) {\n    viewer {\n      conversations(first: $first, after: $after, types: $types, excludeArchived: $excludeArchived) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GeneralPages($id: ID!, $first: Int, $membersAfter: String, $messagesAfter: String) {\n    conversation(id: $id) {\n      members(first: $first, after: $membersAfter) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage endCursor }\n      }\n      messages(first: $first, after: $messagesAfter) {\n        edges { cursor node { id: ts } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query GeneralPages($id: ID!, $first: Int, $membersAfter: String, $messagesAfter: String) {\n    conversation(id: $id) {\n      members(first: $first, after: $membersAfter) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage endCursor }\n      }\n      messages(first: $first, after: $messagesAfter) {\n        edges { cursor node { id: ts } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationDetails($id: ID!) {\n    conversation(id: $id) {\n      id\n      type\n      name\n      nameNormalized\n      created\n      updated\n      creator { id name }\n      user { id }\n      isChannel isGroup isIm isMpim isPrivate isArchived isGeneral isShared isExtShared\n      isOrgShared isPendingExtShared isMember isOpen isFrozen isReadOnly\n      topic { value creator { id name } lastSet }\n      purpose { value creator { id } lastSet }\n      properties { tabs { id } postingRestrictedTo { types } canvas { fileId } }\n      previousNames\n      numMembers\n      locale\n      contextTeamId\n      sharedTeamIds\n    }\n  }\n"): (typeof documents)["\n  query ConversationDetails($id: ID!) {\n    conversation(id: $id) {\n      id\n      type\n      name\n      nameNormalized\n      created\n      updated\n      creator { id name }\n      user { id }\n      isChannel isGroup isIm isMpim isPrivate isArchived isGeneral isShared isExtShared\n      isOrgShared isPendingExtShared isMember isOpen isFrozen isReadOnly\n      topic { value creator { id name } lastSet }\n      purpose { value creator { id } lastSet }\n      properties { tabs { id } postingRestrictedTo { types } canvas { fileId } }\n      previousNames\n      numMembers\n      locale\n      contextTeamId\n      sharedTeamIds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImDetails($id: ID!) {\n    conversation(id: $id) {\n      id type name isIm isChannel isPrivate isMpim isOpen isUserDeleted\n      user { id name realName }\n      creator { id }\n      topic { value }\n      numMembers\n      lastRead\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  query ImDetails($id: ID!) {\n    conversation(id: $id) {\n      id type name isIm isChannel isPrivate isMpim isOpen isUserDeleted\n      user { id name realName }\n      creator { id }\n      topic { value }\n      numMembers\n      lastRead\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Everything {\n    viewer {\n      user { id name realName displayName isBot isAdmin deleted tz }\n      team { id name domain }\n      conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM], first: 50) {\n        edges { node { id type } }\n        pageInfo { hasNextPage }\n      }\n    }\n    all: conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM], first: 100) {\n      edges { cursor node { id type isArchived } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n    live: conversations(excludeArchived: true, first: 100) {\n      edges { node { id } }\n    }\n    dave: user(id: \"U0DAVE\") { id name deleted }\n  }\n"): (typeof documents)["\n  query Everything {\n    viewer {\n      user { id name realName displayName isBot isAdmin deleted tz }\n      team { id name domain }\n      conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM], first: 50) {\n        edges { node { id type } }\n        pageInfo { hasNextPage }\n      }\n    }\n    all: conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM], first: 100) {\n      edges { cursor node { id type isArchived } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n    live: conversations(excludeArchived: true, first: 100) {\n      edges { node { id } }\n    }\n    dave: user(id: \"U0DAVE\") { id name deleted }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Thread($id: ID!) {\n    conversation(id: $id) {\n      members(first: 10) { edges { node { id name } } pageInfo { hasNextPage } }\n      messages(first: 10) {\n        edges {\n          node {\n            id ts text subtype threadTs replyCount replyUsersCount latestReply createdAt botId\n            user { id name }\n            reactions { name count users { id } }\n            conversation { id name }\n            replies(first: 10) { edges { node { ts text parentUser { id } } } pageInfo { hasNextPage } }\n          }\n        }\n        pageInfo { hasNextPage }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Thread($id: ID!) {\n    conversation(id: $id) {\n      members(first: 10) { edges { node { id name } } pageInfo { hasNextPage } }\n      messages(first: 10) {\n        edges {\n          node {\n            id ts text subtype threadTs replyCount replyUsersCount latestReply createdAt botId\n            user { id name }\n            reactions { name count users { id } }\n            conversation { id name }\n            replies(first: 10) { edges { node { ts text parentUser { id } } } pageInfo { hasNextPage } }\n          }\n        }\n        pageInfo { hasNextPage }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query History($id: ID!, $oldest: String, $latest: String, $inclusive: Boolean) {\n    conversation(id: $id) {\n      messages(oldest: $oldest, latest: $latest, inclusive: $inclusive) { edges { node { ts } } }\n    }\n  }\n"): (typeof documents)["\n  query History($id: ID!, $oldest: String, $latest: String, $inclusive: Boolean) {\n    conversation(id: $id) {\n      messages(oldest: $oldest, latest: $latest, inclusive: $inclusive) { edges { node { ts } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Conversation { name }\n      ... on User { username: name }\n      ... on Message { ts text conversation { id } }\n    }\n  }\n"): (typeof documents)["\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Conversation { name }\n      ... on User { username: name }\n      ... on Message { ts text conversation { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BobsConversations {\n    user(id: \"U0BOB\") {\n      conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM]) { edges { node { id } } }\n    }\n  }\n"): (typeof documents)["\n  query BobsConversations {\n    user(id: \"U0BOB\") {\n      conversations(types: [PUBLIC_CHANNEL, PRIVATE_CHANNEL, MPIM, IM]) { edges { node { id } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query ReplyIds($id: ID!) {\n        conversation(id: $id) {\n          messages(first: 4) { edges { node { replies(first: 2) { edges { node { id ts } } } } } }\n        }\n      }\n    "): (typeof documents)["\n      query ReplyIds($id: ID!) {\n        conversation(id: $id) {\n          messages(first: 4) { edges { node { replies(first: 2) { edges { node { id ts } } } } } }\n        }\n      }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PropertiesQuery($id: ID!) {\n    conversation(id: $id) {\n      previousNames\n      properties {\n        postingRestrictedTo { types users { id name } subteamIds }\n        threadsRestrictedTo { types users { id } subteamIds }\n        tabs { id label type isDisabled }\n        canvas { fileId isEmpty quipThreadId }\n        atChannelRestricted\n        atHereRestricted\n        huddlesRestricted\n        sharingDisabled\n        membershipLimit\n        defaultTabId\n        autoOpenTabId\n        whoCanManageChannelAgent\n      }\n    }\n  }\n"): (typeof documents)["\n  query PropertiesQuery($id: ID!) {\n    conversation(id: $id) {\n      previousNames\n      properties {\n        postingRestrictedTo { types users { id name } subteamIds }\n        threadsRestrictedTo { types users { id } subteamIds }\n        tabs { id label type isDisabled }\n        canvas { fileId isEmpty quipThreadId }\n        atChannelRestricted\n        atHereRestricted\n        huddlesRestricted\n        sharingDisabled\n        membershipLimit\n        defaultTabId\n        autoOpenTabId\n        whoCanManageChannelAgent\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;