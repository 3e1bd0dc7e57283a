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

/** The gateway's executable schema: every type module registers itself on import. */
export const schema = builder.toSchema();
