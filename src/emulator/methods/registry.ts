import { appsConnectionsOpen } from './apps-connections.js';
import { chatMethods } from './chat-methods.js';
import { conversationReadMethods } from './conversation-read-methods.js';
import { conversationWriteMethods } from './conversation-write-methods.js';
import { historyMethods } from './history-methods.js';
import { metaMethods } from './meta-methods.js';
import type { MethodDefinition } from './method-definition.js';
import { userMethods } from './user-methods.js';

/** The method table: Slack method name → definition. Unknown names answer `unknown_method`. */
export const METHODS: ReadonlyMap<string, MethodDefinition> = new Map(
  [
    ...metaMethods,
    ...userMethods,
    ...conversationReadMethods,
    ...historyMethods,
    ...conversationWriteMethods,
    ...chatMethods,
    appsConnectionsOpen,
  ].map((method) => [method.name, method]),
);
