import { describe, expect, it } from 'vitest';
import { tracePreload, withQueueTrace } from '../../../src/lib/queue-view/trace-request.ts';

const base = { example: '05-queue-basics', files: {}, command: ['node', 'src/retries-demo.ts'] };

describe('withQueueTrace', () => {
  it('preloads the instrumentation on the command line and switches it on', () => {
    expect(withQueueTrace({ ...base, env: { QUEUE_NAME: 'x' } })).toEqual({
      ...base,
      command: ['node', '--import', tracePreload, 'src/retries-demo.ts'],
      env: { QUEUE_NAME: 'x', ASYNC_LAB_TRACE: '1' },
    });
  });

  it('leaves commands that are not node, and already traced runs, alone', () => {
    const npm = { ...base, command: ['npm', 'run', 'check'] };
    expect(withQueueTrace(npm)).toBe(npm);
    const traced = withQueueTrace(base);
    expect(withQueueTrace(traced)).toBe(traced);
  });
});
