// Every piece of code and output a lesson shows resolves: files and regions in examples/, and recordings
// in src/generated/recordings/. (The build fails on a missing one too; this names all of them at once.)
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readExampleSource } from '../../src/lib/content/example-source.ts';
import { recordingPath } from '../../src/lib/recordings/recording.ts';
import { componentUses, type ComponentUse } from '../support/lesson-components.ts';
import { lessonFiles, locales } from '../support/lessons.ts';

function problems(use: ComponentUse): string[] {
  const example = String(use.props.example ?? '');
  const found: string[] = [];
  const tryRead = (file: string, region?: string) => {
    try {
      readExampleSource(example, file, region);
    } catch (error) {
      found.push((error as Error).message);
    }
  };
  const recording = (name: string) => {
    if (!existsSync(recordingPath(example, name))) found.push(`no recording ${example}/${name}`);
  };
  if (!example) found.push('no example prop');
  if (use.component === 'ExampleCode') tryRead(String(use.props.file), use.props.region as string | undefined);
  if (use.component === 'RecordedOutput') recording(String(use.props.name));
  if (use.component === 'Playground') {
    const files = use.props.files as string[];
    for (const file of files) {
      tryRead(file);
      if (use.props.exercise) tryRead(file.replace('exercise/starter/', 'exercise/solution/'));
    }
    if (typeof use.props.recording === 'string') recording(use.props.recording);
  }
  return found.map((problem) => `${use.source}: ${problem}`);
}

describe('example references in lessons', () => {
  for (const locale of locales) {
    for (const lesson of lessonFiles(locale)) {
      it(`${lesson.path} shows only code and output that exist`, () => {
        const uses = componentUses(lesson.body);
        expect(uses.flatMap(problems)).toEqual([]);
        if (lesson.frontmatter.example) {
          expect(existsSync(`examples/${lesson.frontmatter.example}`), 'its example package exists').toBe(true);
        }
      });
    }
  }

  it('shows the same code and output in both languages', () => {
    const key = (use: ComponentUse) =>
      JSON.stringify([
        use.component,
        use.props.example,
        use.props.file ?? use.props.files,
        use.props.region ?? null,
        use.props.name ?? use.props.recording ?? null,
      ]);
    const zh = lessonFiles('zh');
    for (const en of lessonFiles('en')) {
      const other = zh.find((lesson) => lesson.file === en.file);
      if (!other) continue;
      expect(componentUses(en.body).map(key), `components of ${en.file} (en vs zh)`).toEqual(
        componentUses(other.body).map(key),
      );
    }
  });

  it('finds every kind of reference (the parser itself)', () => {
    const uses = componentUses(
      '<ExampleCode example="05-queue-basics" file="src/worker.ts" region="optional" />\n' +
        '<RecordedOutput example="05-queue-basics" name="add-demo" />\n' +
        '<Playground example="08-capstone" files={["exercise/starter/send-once.ts"]} exercise recording="demo" />',
    );
    expect(uses.map((use) => use.props)).toEqual([
      { example: '05-queue-basics', file: 'src/worker.ts', region: 'optional' },
      { example: '05-queue-basics', name: 'add-demo' },
      { example: '08-capstone', files: ['exercise/starter/send-once.ts'], exercise: true, recording: 'demo' },
    ]);
  });
});
