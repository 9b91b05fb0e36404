import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startReportInstance, type ReportInstance } from '../src/distributed/report-instance.ts';

const opened: ReportInstance[] = [];
afterEach(async () => {
  await Promise.all(opened.map((instance) => instance.worker.close()));
  await opened[0]?.queue.obliterate({ force: true });
  await Promise.all(opened.splice(0).map((instance) => instance.close()));
});

const waitFor = async (condition: () => boolean, what: string) => {
  for (let i = 0; i < 250; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`gave up after 5 s waiting for ${what}`);
};

async function twoInstances(everyMs: number) {
  const queueName = `reports-${randomUUID()}`; // tests may share one real Redis
  const handled: Array<{ id: string; name: string; by: string }> = [];
  for (const by of ['A', 'B']) {
    opened.push(
      await startReportInstance(queueName, { everyMs }, (job) => {
        handled.push({ id: job.id ?? '', name: job.name, by });
      }),
    );
  }
  return { handled, queue: opened[0]!.queue };
}

describe('BullMQ job schedulers shared by two instances', () => {
  it('keeps one scheduler per id, however many instances upsert it', async () => {
    const { queue } = await twoInstances(60_000);
    expect(await queue.getJobSchedulersCount()).toBe(2);
    expect(await queue.getJobScheduler('heartbeat-report')).toMatchObject({ every: 60_000 });
  });

  it('turns every tick into one job, handled by exactly one of the two workers', async () => {
    const { handled } = await twoInstances(200);
    const ticks = () => new Set(handled.map((h) => h.id));
    await waitFor(() => ticks().size >= 3, 'three ticks');
    await new Promise((resolve) => setTimeout(resolve, 100)); // room for a duplicate to show up

    for (const id of ticks()) {
      expect(
        handled.filter((h) => h.id === id),
        `handlers of ${id}`,
      ).toHaveLength(1);
    }
    expect(handled.every((h) => h.name === 'heartbeat-report')).toBe(true);
    expect(opened.every((instance) => instance.worker.isRunning())).toBe(true);
  });

  it('schedules the cron-pattern job for the next 03:00 UTC', async () => {
    const { queue } = await twoInstances(60_000);
    const nightly = await queue.getJobScheduler('nightly-cleanup');
    expect(nightly).toMatchObject({ pattern: '0 3 * * *', tz: 'UTC', template: { data: { olderThanDays: 30 } } });
    const next = new Date(nightly!.next!);
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([3, 0]);
    expect(next.getTime() - Date.now()).toBeGreaterThan(0);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
  });

  it('runs a seconds-level cron pattern once per tick across both workers', async () => {
    const { handled, queue } = await twoInstances(60_000);
    await queue.upsertJobScheduler('every-second', { pattern: '* * * * * *' }, { name: 'every-second' });
    const ticks = () => new Set(handled.filter((h) => h.name === 'every-second').map((h) => h.id));
    await waitFor(() => ticks().size >= 2, 'two cron ticks');
    for (const id of ticks()) expect(handled.filter((h) => h.id === id)).toHaveLength(1);
  });
});
