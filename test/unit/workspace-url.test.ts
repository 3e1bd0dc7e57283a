import { describe, expect, it } from 'vitest';
import { domainOfWorkspaceUrl } from '../../src/graphql/types/team.js';

describe('domainOfWorkspaceUrl', () => {
  it.each([
    ['https://acme-demo.slack.com/', 'acme-demo'],
    ['https://Scenario.slack.com', 'scenario'],
    ['https://acme.enterprise.slack.com/', undefined],
    ['https://acme.slack-gov.com/', undefined],
    ['https://slack.com/', undefined],
    ['not a url', undefined],
  ])('reads %s as %s', (url, domain) => {
    expect(domainOfWorkspaceUrl(url)).toBe(domain);
  });
});
