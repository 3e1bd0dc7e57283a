import type { MethodDefinition } from './method-definition.js';

export const conversationWriteMethods: readonly MethodDefinition[] = [];
