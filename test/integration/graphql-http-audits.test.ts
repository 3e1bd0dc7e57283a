import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/**
 * The GraphQL-over-HTTP spec's requirements, checked against the live gateway over a socket.
 * @see https://graphql.github.io/graphql-over-http/draft/
 */
describe('GraphQL over HTTP conformance', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  const audits = serverAudits({ url: () => gw.url }).filter((audit) =>
    audit.name.startsWith('MUST'),
  );

  it('has MUST audits to run', () => {
    expect(audits.length).toBeGreaterThan(10);
  });

  for (const audit of audits) {
    it(audit.name, async () => {
      const result = await audit.fn();
      const detail = result.status === 'ok' ? '' : result.reason;
      expect({ status: result.status, detail }).toEqual({ status: 'ok', detail: '' });
    });
  }
});
