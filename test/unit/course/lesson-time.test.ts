import { describe, expect, it } from 'vitest';
import { lessonActivities, lessonMinutes } from '../../../src/lib/course/lesson-time.ts';

const lesson = `import Playground from '../../../../components/Playground.astro';

## Goals

${'word '.repeat(300)}

\`\`\`ts
const notCounted = 'code is not prose';
\`\`\`

<Playground example="05-queue-basics" files={['src/a.ts']} command="node src/a.ts" recording="a" />
<Playground
  example="05-queue-basics"
  files={['exercise/starter/email-jobs.ts']}
  exercise
  recording="check-starter"
/>
<SelfCheck id="one" answer={1}>
Question?
</SelfCheck>
`;

describe('lesson time', () => {
  it('counts the prose, the playgrounds, the exercise and the self-checks of a lesson', () => {
    const activities = lessonActivities(lesson);
    expect(activities.playgrounds).toBe(1);
    expect(activities.exercises).toBe(1);
    expect(activities.selfChecks).toBe(1);
    expect(activities.codeBlocks).toBe(1);
    // 300 words, "Goals" and "Question?"; import lines, code and tag attributes are not prose.
    expect(activities.words).toBe(302);
  });

  it('adds them up and rounds up to 5 minutes', () => {
    // 302 / 150 + 2 + 10 + 1 + 1 = 16.01 → 20
    expect(lessonMinutes(lessonActivities(lesson))).toBe(20);
    expect(lessonMinutes({ words: 0, playgrounds: 0, exercises: 0, selfChecks: 0, codeBlocks: 0 })).toBe(5);
    expect(lessonMinutes({ words: 1500, playgrounds: 0, exercises: 0, selfChecks: 0, codeBlocks: 0 })).toBe(10);
  });
});
