import { conversationsArchive, conversationsUnarchive } from './archive-methods.js';
import { conversationsCreate, conversationsRename } from './create-and-rename.js';
import { conversationsClose, conversationsOpen } from './direct-messages.js';
import { conversationsInvite } from './invite-method.js';
import { conversationsMark } from './mark.js';
import { conversationsJoin, conversationsKick, conversationsLeave } from './membership-methods.js';
import type { MethodDefinition } from './method-definition.js';
import { conversationsSetPurpose, conversationsSetTopic } from './topic-and-purpose.js';

/**
 * The conversation write methods: each changes the workspace state and posts the system messages
 * Slack posts, so later read methods see the change.
 */
export const conversationWriteMethods: readonly MethodDefinition[] = [
  conversationsCreate,
  conversationsRename,
  conversationsArchive,
  conversationsUnarchive,
  conversationsJoin,
  conversationsLeave,
  conversationsInvite,
  conversationsKick,
  conversationsSetTopic,
  conversationsSetPurpose,
  conversationsOpen,
  conversationsClose,
  conversationsMark,
];
