// Shows the reader's progress (progress-store.ts) in a page rendered without it: the course home's path and
// counts, "continue where you left off", and the path strip on every lesson. The pages carry every word already
// (both states of each label are in the HTML); this only sets data attributes and numbers, so it needs no
// dictionary, weighs little, and moves nothing on the page when it runs.
//
// Markup it reads:
//   [data-progress-lesson="05-queue-basics"]   a lesson in a path; gets data-visited, data-passed (its exercises
//       [data-exercises="a b"]                   all passed), data-current; a [data-self-checks] inside shows
//       [data-self-check-ids="x y"]              "answered/total"
//   [data-progress-count="visited|exercises|selfChecks"]   the number of each
//   [data-progress-continue]                   a link: href and [data-continue-title] follow the last lesson
//                                              read; data-state="continue" once there is one
//   [data-progress-reset]                      a button that forgets everything
import { PROGRESS_EVENT, readProgress, resetProgress, type Progress } from './progress-store.ts';

export function showProgress(root: ParentNode = document): void {
  const paint = () => paintProgress(root, readProgress());
  paint();
  window.addEventListener(PROGRESS_EVENT, paint);
  // Another tab of the course (a lesson open beside the home page) changed it.
  window.addEventListener('storage', paint);
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-progress-reset]')) {
    button.addEventListener('click', () => resetProgress());
  }
}

export function paintProgress(root: ParentNode, progress: Progress): void {
  let visited = 0;
  let exercises = 0;
  let selfChecks = 0;
  for (const item of root.querySelectorAll<HTMLElement>('[data-progress-lesson]')) {
    const lesson = item.dataset.progressLesson!;
    const ids = words(item.dataset.exercises);
    const questions = words(item.dataset.selfCheckIds);
    const answered = questions.filter((id) => progress.selfChecks[lesson]?.[id]).length;
    const passed = ids.filter((id) => progress.exercises[id] !== undefined).length;
    const seen = progress.visited[lesson] !== undefined;
    item.dataset.visited = String(seen);
    item.dataset.passed = String(ids.length > 0 && passed === ids.length);
    item.dataset.answered = String(questions.length > 0 && answered === questions.length);
    const count = item.querySelector<HTMLElement>('[data-self-checks]');
    if (count) count.textContent = `${answered}/${questions.length}`;
    visited += Number(seen);
    exercises += passed;
    selfChecks += answered;
  }
  const counts: Record<string, number> = { visited, exercises, selfChecks };
  for (const element of root.querySelectorAll<HTMLElement>('[data-progress-count]')) {
    element.textContent = String(counts[element.dataset.progressCount!] ?? 0);
  }
  for (const link of root.querySelectorAll<HTMLAnchorElement>('[data-progress-continue]')) {
    const last = progress.last?.lesson;
    const target = last ? root.querySelector<HTMLElement>(`[data-progress-lesson="${CSS.escape(last)}"]`) : null;
    const href = target?.querySelector<HTMLAnchorElement>('a[href]')?.getAttribute('href');
    if (!target || !href) {
      link.dataset.state = 'start';
      continue;
    }
    link.dataset.state = 'continue';
    link.href = href;
    const title = link.querySelector('[data-continue-title]');
    if (title) title.textContent = target.querySelector('[data-title]')?.textContent ?? '';
  }
}

function words(value: string | undefined): string[] {
  return value ? value.split(/\s+/).filter(Boolean) : [];
}
