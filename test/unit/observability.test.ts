import { describe, expect, it } from 'vitest';
import { createInstrumentedSlackApi } from '../../src/observability/instrumented-slack-api.js';
import { LabelLimiter } from '../../src/observability/label-limiter.js';
import { createGatewayLogger, toLevelLogger } from '../../src/observability/logger.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { SlackPlatformError } from '../../src/slack/errors.js';
import { SlackToken } from '../../src/slack/slack-token.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = { write: (line: string) => lines.push(JSON.parse(line)) };
  return { lines, destination };
}

describe('the JSON logger', () => {
  it('redacts authorization headers and token fields at any usual depth', () => {
    const { lines, destination } = capture();
    const logger = createGatewayLogger({ level: 'info', destination });
    logger.info(
      {
        token: 'xoxp-secret-1',
        headers: { authorization: 'Bearer xoxp-secret-2' },
        req: { headers: { authorization: 'Bearer xoxp-secret-3' } },
        call: { args: { token: 'xoxp-secret-4' } },
      },
      'hello',
    );
    const text = JSON.stringify(lines);
    expect(text).not.toContain('xoxp-secret');
    expect(lines[0]).toMatchObject({ level: 30, msg: 'hello', token: '[redacted]' });
  });

  it('honours the level, and silent writes nothing', () => {
    const { lines, destination } = capture();
    const logger = createGatewayLogger({ level: 'warn', destination });
    logger.info('dropped');
    logger.warn('kept');
    createGatewayLogger({ level: 'silent', destination }).error('dropped too');
    expect(lines.map((line) => line.msg)).toEqual(['kept']);
  });

  it("adapts to yoga's logger, putting errors in the err field", () => {
    const { lines, destination } = capture();
    const levels = toLevelLogger(createGatewayLogger({ level: 'debug', destination }));
    levels.error('failed', new Error('boom'));
    levels.debug('value', { a: 1 });
    expect(lines[0]).toMatchObject({ level: 50, msg: 'failed', err: { message: 'boom' } });
    expect(lines[1]).toMatchObject({ level: 20, msg: 'value {"a":1}' });
  });
});

describe('metrics helpers', () => {
  it('caps a label at a number of distinct values, then reports other', () => {
    const limiter = new LabelLimiter(2);
    expect(['a', 'b', 'c', 'a'].map((value) => limiter.label(value))).toEqual([
      'a',
      'b',
      'other',
      'a',
    ]);
  });

  it('counts loader batch sizes for loaders to report', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.observeLoaderBatch('users', 7);
    const text = (await metrics.render()).body;
    expect(text).toContain('loader_batch_size_sum{loader="users"} 7');
  });

  it("labels a failed Slack call with Slack's error code", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const slack = createInstrumentedSlackApi(
      {
        call: () =>
          Promise.reject(
            new SlackPlatformError('conversations.info', { ok: false, error: 'channel_not_found' }),
          ),
      },
      metrics,
    );
    await expect(
      slack.call('conversations.info', { channel: 'C1' }, new SlackToken('xoxp-1')),
    ).rejects.toThrow();
    const text = (await metrics.render()).body;
    expect(text).toContain(
      'slack_calls_total{method="conversations.info",outcome="channel_not_found"} 1',
    );
  });
});
