import { describe, expect, it } from 'vitest';
import { queuePicture } from '../../../src/lib/course/queue-picture.ts';
import { readRecording } from '../../../src/lib/recordings/recording.ts';

describe('queue picture of the capstone’s recorded run', () => {
  const picture = queuePicture(readRecording('08-capstone', 'demo').trace);

  it('draws each upload as a flow: the inference child first, then the notify parent', () => {
    expect(picture.flows.map((flow) => flow.id)).toEqual(['analysis-1', 'analysis-2']);
    for (const flow of picture.flows) {
      expect(flow.jobs.map((job) => `${job.queue}/${job.name}`)).toEqual(['inference/infer', 'notify/notify']);
    }
    expect(picture.durationMs).toBeGreaterThan(0);
  });

  it('shows what happened: 7 rows scored and the result mailed; a model that failed twice and a failure notice', () => {
    const [first, second] = picture.flows;
    const [infer1, notify1] = first!.jobs;
    expect(infer1).toMatchObject({ state: 'completed', attempts: 1, items: 7 });
    expect(notify1!.result).toMatch(/analysis-1 is ready/);
    // The parent waits for its child before it runs.
    expect(notify1!.segments[0]!.kind).toBe('waiting-children');

    const [infer2, notify2] = second!.jobs;
    expect(infer2).toMatchObject({ state: 'failed', attempts: 2 });
    expect(infer2!.failedReason).toMatch(/Could not reach the model/);
    expect(infer2!.segments.map((s) => s.kind)).toEqual(['waiting', 'failed', 'backoff', 'failed']);
    expect(notify2!.result).toMatch(/analysis-2 failed/);
  });

  it('draws each flow on its own axis, and keeps every segment on it', () => {
    for (const flow of picture.flows) expect(flow.durationMs).toBeLessThanOrEqual(picture.durationMs);
    // The second upload starts late in the run, yet its first job starts at the left of its own axis.
    expect(picture.flows[1]!.jobs[0]!.segments[0]!.left).toBe(0);
    for (const job of picture.flows.flatMap((flow) => flow.jobs)) {
      for (const segment of job.segments) {
        expect(segment.left).toBeGreaterThanOrEqual(0);
        expect(segment.left + segment.width).toBeLessThanOrEqual(100 + 1.2);
      }
    }
  });
});
