// Every run a reader can start from a lesson: each <Playground>'s command (Run) and, for an exercise, its check
// command (Check), with the recording the lesson shows for it and whether the run is traced (a <QueueView> in
// the playground makes the page add ASYNC_LAB_TRACE=1, see src/lib/queue-view/trace-request.ts). Read from the
// lessons' MDX in both languages, once per distinct run.
import { withQueueTrace } from '../../src/lib/queue-view/trace-request.ts';
import type { RunRequest } from '../../src/lib/runtime/runner.ts';
import { componentUses } from './lesson-components.ts';
import { lessonFiles, locales } from './lessons.ts';

/** As Playground.astro defaults it. */
const DEFAULT_CHECK = 'node ../course-tools/src/check-exercise.ts';

export interface PlaygroundRun {
  purpose: 'run' | 'check';
  /** The request as the page makes it (no edits: the files as the lesson shows them). */
  request: RunRequest;
  /** The recording the lesson shows for it. */
  recording: string;
  /** Where it was found, for messages. */
  lesson: string;
}

export function playgroundRuns(): PlaygroundRun[] {
  const runs = new Map<string, PlaygroundRun>();
  for (const { path: lesson, raw: mdx, locale } of locales.flatMap((locale) => lessonFiles(locale))) {
    for (const use of componentUses(mdx)) {
      if (use.component !== 'Playground') continue;
      const example = String(use.props.example);
      const recording = typeof use.props.recording === 'string' ? use.props.recording : undefined;
      const traced = queueViewInside(mdx, use.source);
      const add = (purpose: PlaygroundRun['purpose'], argv: string[], shown: string) => {
        const plain: RunRequest = { example, files: {}, command: argv };
        const request = purpose === 'run' && traced ? withQueueTrace(plain) : plain;
        const key = JSON.stringify(request);
        if (!runs.has(key)) runs.set(key, { purpose, request, recording: shown, lesson });
      };
      if (!recording) continue;
      if (typeof use.props.command === 'string') add('run', words(use.props.command), recording);
      if (use.props.exercise) {
        // As Playground.astro issues a Check: the checker speaks the page's language, with the recording to match.
        const check = /check:\s*['"]([^'"]+)['"]/.exec(use.source)?.[1] ?? DEFAULT_CHECK;
        const lang = locale === 'zh' ? 'zh' : 'en';
        add('check', [...words(check), '--lang', lang], lang === 'zh' ? `${recording}-zh` : recording);
      }
    }
  }
  return [...runs.values()];
}

function words(command: string): string[] {
  return command.trim().split(/\s+/);
}

/** Whether the playground written as `tag` holds a <QueueView> (it is the page's sign to trace the run). */
function queueViewInside(mdx: string, tag: string): boolean {
  if (tag.endsWith('/>')) return false;
  const start = mdx.indexOf(tag);
  const end = mdx.indexOf('</Playground>', start);
  return end !== -1 && mdx.slice(start, end).includes('<QueueView');
}
