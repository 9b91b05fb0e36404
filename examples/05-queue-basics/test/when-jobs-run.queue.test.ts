// When does a job run: delay, priority, deduplication (simple, throttle, debounce) and custom job ids.
// Each demo runs as `npm run …` would, on the in-memory Redis and (npm run test:redis) on a real one.
import { describe, expect, it } from 'vitest';
import { packageScripts } from '@async-lab/course-tools/testing/queue-test-kit';

const { runScript } = packageScripts(new URL('..', import.meta.url));

// Times in the output ("1.0 s") depend on the machine: compared as <t>.
const withoutTimes = (text: string) => text.replace(/^\d+\.\d s/gm, '<t>');

describe('when does a job run', () => {
  it('delay: the job waits in the delayed set, then moves to waiting and runs', async () => {
    const run = await runScript('src/delay-demo.ts');
    expect(run.stderr).toBe('');
    expect(withoutTimes(run.stdout)).toBe(
      [
        '<t>  added job 1 with delay: 1000, state: delayed',
        '<t>  job 1 is due: delayed → waiting',
        '<t>  job 1 completed: reminded ada@example.com',
        '',
      ].join('\n'),
    );
    // A delayed job never runs early (the times count from the job's creation): that much BullMQ guarantees.
    expect(Number(/^(\d+\.\d) s {2}job 1 is due/m.exec(run.stdout)?.[1])).toBeGreaterThanOrEqual(0.9);
  });

  it('priority: unprioritized first, then the lowest number; prioritized jobs wait in "prioritized"', async () => {
    const run = await runScript('src/priority-demo.ts');
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'added monthly report        priority 10  state: prioritized',
        'added password reset e-mail priority 1   state: prioritized',
        'added thumbnail             priority 5   state: prioritized',
        'added audit log entry       priority -   state: waiting',
        'the worker ran: audit log entry → password reset e-mail → thumbnail → monthly report',
        '',
      ].join('\n'),
    );
  });

  it('deduplication: simple until the job is done, throttle for a ttl, debounce keeps the last', async () => {
    const run = await runScript('src/dedup-demo.ts');
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'simple: one job until it has finished',
        '  edit "Ada"           → job 1',
        '  edit "Ada L."        → job 1 (deduplicated: no new job)',
        '  job 1 ran: indexed "Ada"',
        '  edit "Ada Lovelace"  → job 3',
        '  job 3 ran: indexed "Ada Lovelace"',
        'throttle (ttl: 2000): one job per 2 seconds, finished or not',
        '  edit "Grace"         → job 4',
        '  job 4 ran: indexed "Grace"',
        '  edit "Grace H."      → job 4 (deduplicated: no new job)',
        '  edit "Grace Hopper"  → job 6',
        '  job 6 ran: indexed "Grace Hopper"',
        'debounce (delay, ttl, extend, replace): only the last edit of a burst runs',
        '  edit "Alan"          → job 7',
        '  edit "Alan T."       → job 8 (replaces job 7)',
        '  edit "Alan Turing"   → job 9 (replaces job 8)',
        '  job 9 ran: indexed "Alan Turing"',
        '',
      ].join('\n'),
    );
  });

  it('job ids: the same id is one job; ":" and integers are refused', async () => {
    const run = await runScript('src/job-ids-demo.ts');
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'jobId "order-42" → job order-42, 1 job(s) in the queue',
        'jobId "order-42" → job order-42, 1 job(s) in the queue',
        'jobId "order:42" → refused: Custom Id cannot contain :',
        'jobId "42" → refused: Custom Id cannot be integers',
        '',
      ].join('\n'),
    );
  });
});
