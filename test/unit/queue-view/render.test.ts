// The panel's HTML, rendered from reducer state: what a reader (and a screen reader) gets.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initialQueueViewState, reduceAll } from '../../../src/lib/queue-view/reducer.ts';
import { describeQueueView, renderQueueView } from '../../../src/lib/queue-view/render.ts';
import { translator } from '../../support/translations.ts';

const en = translator('en');
const zh = translator('zh');

const retries = reduceAll(
  JSON.parse(readFileSync(new URL('./fixtures/retries.trace.json', import.meta.url), 'utf8')) as unknown[],
);

describe('renderQueueView', () => {
  it('shows the counts, one row per job with its attempts, and a table with the same facts', () => {
    const html = renderQueueView(retries, en);
    expect(html).toContain('<li class="qv-count" data-state="completed"><span class="qv-n">1</span>');
    expect(html.match(/class="qv-seg" data-kind="(failed|completed)"/g)).toHaveLength(3);
    expect(html.match(/data-kind="backoff"/g)).toHaveLength(3); // two gaps and the legend
    expect(html).toContain('attempt 1: failed on worker-1 (flaky service did not answer), retry after 200 ms');
    expect(html).toMatch(
      /<tr data-key="fx-retry\/1"><th scope="row">1 add<\/th><td>fx-retry<\/td><td>completed<\/td><td>3 of 3<\/td><td>worker-1<\/td><td>5<\/td><\/tr>/,
    );
  });

  it('escapes everything that came from the program', () => {
    const state = reduceAll([
      {
        v: 1,
        ts: 1,
        seq: 1,
        source: 'events',
        type: 'added',
        queue: 'q',
        jobId: '<b>1</b>',
        name: '"x"',
        data: '<img onerror=alert(1)>',
      },
      {
        v: 1,
        ts: 2,
        seq: 2,
        source: 'events',
        type: 'failed',
        queue: 'q',
        jobId: '<b>1</b>',
        failedReason: '<script>',
      },
    ]);
    const html = renderQueueView(state, en);
    expect(html).not.toMatch(/<(b|img|script)[ >]/);
    expect(html).toContain('&#60;script&#62;');
  });

  it('draws only the latest jobs of a huge run, and says so', () => {
    const events = Array.from({ length: 250 }, (_, i) => ({
      v: 1,
      ts: 1_000 + i,
      seq: i + 1,
      source: 'events',
      type: 'added',
      queue: 'q',
      jobId: String(i),
    }));
    const html = renderQueueView(reduceAll(events), en);
    expect(html.match(/<details class="qv-job"/g)).toHaveLength(100);
    expect(html).toContain('data-key="q/249"');
    expect(html).not.toContain('data-key="q/149"');
    expect(html).toContain('Showing the latest 100 of 250 jobs; the counts include all.');
    expect(html).toContain('<span class="qv-n">250</span> <span class="qv-state-name">waiting</span>');
  });

  it('keeps opened jobs open, speaks Chinese on zh pages, and says when there is nothing yet', () => {
    expect(renderQueueView(retries, en, { open: new Set(['fx-retry/1']) })).toContain(
      'data-key="fx-retry/1" data-state="completed" open>',
    );
    expect(renderQueueView(retries, zh)).toContain('已完成');
    expect(renderQueueView(initialQueueViewState(), en)).toContain('No jobs yet');
    expect(describeQueueView(retries, en)).toBe('1 completed');
  });
});

describe('an empty panel', () => {
  it('invites a run, says a run is starting, or says a run added no jobs', () => {
    const empty = initialQueueViewState();
    expect(renderQueueView(empty, en)).toContain('Run the code to watch its jobs');
    expect(renderQueueView(empty, en, { empty: 'starting' })).toContain('Starting your code');
    expect(renderQueueView(empty, zh, { empty: 'starting' })).toContain('正在启动你的代码');
    expect(renderQueueView(empty, en, { empty: 'none' })).toContain('This run added no jobs.');
  });
});
