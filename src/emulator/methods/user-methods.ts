import type { MethodDefinition } from './method-definition.js';

export const userMethods: readonly MethodDefinition[] = [];
