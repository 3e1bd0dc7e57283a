import { builder } from './builder.js';
import './scalars.js';
import './types/conversation.js';
import './types/conversation-connections.js';
import './types/message.js';
import './types/properties.js';
import './types/query.js';
import './types/team.js';
import './types/topic.js';
import './types/user.js';
import './types/viewer.js';
import './mutations/index.js';
import './subscriptions/subscription-fields.js';
import { FEDERATION_LINK } from './entities.js';

/**
 * The gateway's executable schema: every type module registers itself on import. It is also an
 * Apollo Federation v2 subgraph (`@link`, `@key` entities, `_entities`, `_service`; see
 * src/graphql/entities.ts), so a router composes it into a supergraph as is.
 * @see https://pothos-graphql.dev/docs/plugins/federation
 */
export const schema = builder.toSchema({ extensions: { directives: [FEDERATION_LINK] } });
