// The prose of a lesson, as a reader reads it: code fences, inline code, JSX/HTML tags, imports, comments
// and link targets are blanked out (same length, newlines kept), so a finding still points at its line.
// The frontmatter's title and description are prose too.
import type { LessonFile } from './lessons.ts';

export interface ProseLine {
  /** 1-based line number in the lesson file. */
  line: number;
  text: string;
}

const blank = (text: string) => text.replace(/[^\n]/g, ' ');

export function lessonProse(lesson: LessonFile): ProseLine[] {
  const bodyStart = lessonBodyStartLine(lesson);
  const body = lesson.body
    .replace(/```[\s\S]*?```/g, blank)
    .replace(/^import .*$/gm, blank)
    .replace(/\{\/\*[\s\S]*?\*\/\}|<!--[\s\S]*?-->/g, blank)
    // JSX and HTML tags, attributes included (they may span lines): `<Name …>`, `</Name>`, `<details>`.
    .replace(/<\/?[A-Za-z][\w.]*(?:\s[^<>]*)?\/?>/g, blank)
    .replace(/`[^`\n]*`/g, blank)
    .replace(/\]\([^)\s]*\)/g, (target) => ']' + blank(target.slice(1)));
  const lines: ProseLine[] = [];
  for (const key of ['title', 'description'] as const) {
    const value = lesson.frontmatter[key];
    if (typeof value === 'string') lines.push({ line: frontmatterLine(lesson, key), text: value });
  }
  body.split('\n').forEach((text, i) => {
    if (text.trim()) lines.push({ line: bodyStart + i, text });
  });
  return lines;
}

function lessonBodyStartLine(lesson: LessonFile): number {
  const before = lesson.raw.slice(0, lesson.raw.length - lesson.body.length);
  return before.split('\n').length;
}

function rawFrontmatter(lesson: LessonFile): string {
  return lesson.raw.slice(4, lesson.raw.indexOf('\n---', 4));
}

function frontmatterLine(lesson: LessonFile, key: string): number {
  const index = rawFrontmatter(lesson)
    .split('\n')
    .findIndex((line) => line.startsWith(`${key}:`));
  return index + 2;
}
