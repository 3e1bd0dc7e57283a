import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { expect } from 'vitest';
import type { GraphQLBody, TestGateway } from '../helpers/gateway.js';

/** Sends a codegen-typed document and returns the typed body. */
export async function send<TData, TVariables extends Record<string, unknown>>(
  gateway: TestGateway,
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
  token?: string | null,
): Promise<GraphQLBody<TData>> {
  const { body } = await gateway.graphql<TData>(print(document), variables, { token });
  return body;
}

/** Sends a document and expects data without errors (printing them when there are some). */
export async function sendOk<TData, TVariables extends Record<string, unknown>>(
  gateway: TestGateway,
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
  token?: string | null,
): Promise<TData> {
  const body = await send(gateway, document, variables, token);
  expect(body.errors).toBeUndefined();
  return body.data as TData;
}
