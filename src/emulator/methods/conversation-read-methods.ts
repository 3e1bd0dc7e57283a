import type { MethodDefinition } from './method-definition.js';

export const conversationReadMethods: readonly MethodDefinition[] = [];
