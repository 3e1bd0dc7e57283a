import { it } from 'vitest';
import { startTestGateway } from '../helpers/gateway.js';
it('smoke', async () => {
  const gw = await startTestGateway();
  try {
    const q = `{ viewer { user { id name realName } team { id name domain } conversations(first: 3) { edges { cursor node { id name isMember numMembers } } pageInfo { hasNextPage endCursor } } }
      conversations(first: 4, types: [PUBLIC_CHANNEL, IM]) { edges { node { id type name isIm isPrivate isOpen creator { name } topic { value lastSet creator { id } } user { name } } } pageInfo { hasNextPage } }
      conversation(id: "C0GENERAL") { id numMembers members(first: 2) { edges { node { name } } pageInfo { hasNextPage } } messages(first: 3) { edges { node { id ts text user { name } replyCount replies(first: 2) { edges { node { text } } } } } } }
      bad: conversation(id: "C0SECRET") { id }
    }`;
    const r = await gw.graphql(q);
    console.log(JSON.stringify(r.body, null, 1).slice(0, 6000));
    console.log(JSON.stringify(gw.emulatorCalls()));
  } finally { await gw.close(); }
});
