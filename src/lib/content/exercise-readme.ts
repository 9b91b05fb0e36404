// The task and hints of an exercise (examples/<pkg>/exercise/README.md) in the reader's language, so the page
// can show what a terminal learner reads there. The README holds both languages: English sections, then the
// Chinese ones, each starting with a heading (a Chinese heading starts a Chinese section); "---" separates them.
import { readExampleSource } from './example-source.ts';

export type ReadmeLang = 'en' | 'zh';

export function exerciseReadme(example: string, lang: ReadmeLang): string {
  const { code } = readExampleSource(example, 'exercise/README.md');
  const sections: { lang: ReadmeLang; lines: string[] }[] = [];
  for (const line of code.split('\n')) {
    if (/^#{1,3} /.test(line)) sections.push({ lang: /\p{Script=Han}/u.test(line) ? 'zh' : 'en', lines: [] });
    if (line.trim() === '---') continue;
    (sections.at(-1) ?? sections[sections.push({ lang: 'en', lines: [] }) - 1]!).lines.push(line);
  }
  const chosen = sections.filter((section) => section.lang === lang);
  return (chosen.length > 0 ? chosen : sections).map((section) => section.lines.join('\n').trim()).join('\n\n');
}
