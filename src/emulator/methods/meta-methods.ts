import type { MethodDefinition } from './method-definition.js';

export const metaMethods: readonly MethodDefinition[] = [];
