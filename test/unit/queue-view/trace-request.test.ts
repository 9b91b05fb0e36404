import { describe, expect, it } from 'vitest';
import { withQueueTrace } from '../../../src/lib/queue-view/trace-request.ts';

const base = { example: '05-queue-basics', files: {}, command: ['node', 'src/retries-demo.ts'] };

describe('withQueueTrace', () => {
  it('switches the trace on through the environment, and leaves the reader’s command as it is', () => {
    expect(withQueueTrace({ ...base, env: { QUEUE_NAME: 'x' } })).toEqual({
      ...base,
      env: { QUEUE_NAME: 'x', ASYNC_LAB_TRACE: '1' },
    });
  });

  it('leaves an already traced run alone', () => {
    const traced = withQueueTrace(base);
    expect(withQueueTrace(traced)).toBe(traced);
  });
});
