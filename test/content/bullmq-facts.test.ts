// Claims about BullMQ that were wrong in an earlier edition must not come back (issue 15): BullMQ is not
// Redis-only since 6.0 (a PostgreSQL backend), "stalled" is an event and not a job state, and the
// `queue.add(…, { repeat })` API exists only in BullMQ 5 (v6 removed it).
import { describe, expect, it } from 'vitest';
import { lessonProse, type ProseLine } from '../support/lesson-prose.ts';
import { lessonFiles, locales, type LessonFile } from '../support/lessons.ts';

const stateNames = /\b(waiting|active|delayed|completed|failed)\b/g;

function redisOnly(text: string): boolean {
  return (
    /\bBullMQ\b[^.;]{0,30}\b(only|just|exclusively)\b[^.;]{0,15}\b(uses?|needs?|runs? on|supports?|works with)\s+Redis/i.test(
      text,
    ) || /BullMQ[^。；]{0,12}(只|仅)(用|能用|支持|能跑在|跑在)\s*Redis/.test(text)
  );
}

/** A sentence that lists job states and counts "stalled" among them, without saying it is an event. */
function stalledAsState(text: string): boolean {
  return text.split(/[。；;!?！？]|\.\s/).some((sentence) => {
    const states = new Set(sentence.match(stateNames) ?? []);
    return (
      states.size >= 2 &&
      /\bstalled\b/.test(sentence) &&
      /状态|\bstates?\b/i.test(sentence) &&
      !/事件|不是状态|\bevent\b|not a state/i.test(sentence)
    );
  });
}

/** `{ repeat }` is mentioned as if it were current, with no word that it is BullMQ 5 only or removed in 6. */
function repeatAsCurrent(line: string): boolean {
  return /\{\s*repeat\s*\}/.test(line) && !/BullMQ 5|BullMQ 6|\bv[56]\b|removed|删掉|移除|已经删除/.test(line);
}

function findings(lesson: LessonFile): string[] {
  const prose: ProseLine[] = lessonProse(lesson);
  const where = (line: number, rule: string, text: string) => `${lesson.path}:${line}: ${rule}: ${text.trim()}`;
  return [
    ...prose.filter(({ text }) => redisOnly(text)).map((p) => where(p.line, 'BullMQ is not Redis-only', p.text)),
    ...prose
      .filter(({ text }) => stalledAsState(text))
      .map((p) => where(p.line, '"stalled" is an event, not a state', p.text)),
    ...lesson.raw
      .split('\n')
      .map((text, i) => ({ line: i + 1, text }))
      .filter(({ text }) => repeatAsCurrent(text))
      .map((p) => where(p.line, '{ repeat } is BullMQ 5 only', p.text)),
  ];
}

describe('BullMQ facts in the lessons', () => {
  for (const locale of locales) {
    for (const lesson of lessonFiles(locale)) {
      it(lesson.path, () => {
        expect(findings(lesson)).toEqual([]);
      });
    }
  }

  it('catches the claims it is meant to catch, and lets their corrections through', () => {
    expect(redisOnly('BullMQ only uses Redis; in the browser it is in memory.')).toBe(true);
    expect(redisOnly('BullMQ 只用 Redis；浏览器里用的是内存版 Redis。')).toBe(true);
    expect(redisOnly('BullMQ runs on Redis by default (since 6.0 it can also use PostgreSQL).')).toBe(false);
    expect(stalledAsState('job states: waiting, active, delayed, completed, failed, and stalled.')).toBe(true);
    expect(stalledAsState('任务的状态：waiting、active、delayed、completed、failed，以及 stalled。')).toBe(true);
    expect(
      stalledAsState('job states: waiting, active and failed; stalled is not a state but an event: it goes back.'),
    ).toBe(false);
    expect(repeatAsCurrent('The `queue.add(..., { repeat })` tells repeatable jobs apart by their options.')).toBe(
      true,
    );
    expect(repeatAsCurrent("BullMQ 5's old `queue.add(..., { repeat })` told them apart; BullMQ 6 removed it.")).toBe(
      false,
    );
  });
});
