import type { MethodDefinition } from './method-definition.js';

export const historyMethods: readonly MethodDefinition[] = [];
