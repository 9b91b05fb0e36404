// How long a lesson takes, estimated from its MDX source, so the course path can say "about 30 min" without an
// author keeping a number in step with the text. Reading the prose (code left out), plus time for what the
// reader does: each playground to run and look at, each exercise to solve, each self-check question.
// One estimate per lesson, made from the English text, so both languages promise the same time.

/** Words a reader gets through per minute in technical prose. */
const WORDS_PER_MINUTE = 150;
/** Minutes per thing to do. */
const PLAYGROUND_MINUTES = 2;
const EXERCISE_MINUTES = 10;
const SELF_CHECK_MINUTES = 1;
const CODE_BLOCK_MINUTES = 1;
/** Estimates are rounded up to this, so they do not pretend to more precision than they have. */
const STEP_MINUTES = 5;

export interface LessonActivities {
  words: number;
  playgrounds: number;
  exercises: number;
  selfChecks: number;
  codeBlocks: number;
}

/** What a lesson's MDX body asks of the reader. */
export function lessonActivities(mdxBody: string): LessonActivities {
  const tags = (name: string) => [...mdxBody.matchAll(new RegExp(`<${name}\\b[\\s\\S]*?>`, 'g'))].map((m) => m[0]);
  const playgroundTags = tags('Playground');
  const exercises = playgroundTags.filter((tag) => /\sexercise\b/.test(tag)).length;
  const prose = mdxBody
    .replace(/^(import|export)\s.*$/gm, '')
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\{[^}]*\}/g, ' ');
  return {
    words: prose.split(/\s+/).filter((word) => /\w/.test(word)).length,
    playgrounds: playgroundTags.length - exercises,
    exercises,
    selfChecks: tags('SelfCheck').length,
    codeBlocks: tags('ExampleCode').length + (mdxBody.match(/^```/gm)?.length ?? 0) / 2,
  };
}

/** Minutes, rounded up to the next 5. */
export function lessonMinutes(activities: LessonActivities): number {
  const minutes =
    activities.words / WORDS_PER_MINUTE +
    activities.playgrounds * PLAYGROUND_MINUTES +
    activities.exercises * EXERCISE_MINUTES +
    activities.selfChecks * SELF_CHECK_MINUTES +
    activities.codeBlocks * CODE_BLOCK_MINUTES;
  return Math.max(STEP_MINUTES, Math.ceil(minutes / STEP_MINUTES) * STEP_MINUTES);
}
