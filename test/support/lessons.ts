// Reads lesson files and their frontmatter straight from disk, for tests that check the course as a whole.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export const docsDir = 'src/content/docs';
export const locales = ['zh', 'en'] as const;

export interface LessonFile {
  locale: string;
  file: string;
  path: string;
  frontmatter: Record<string, unknown>;
  body: string;
  /** The whole file as it is on disk. */
  raw: string;
}

export function lessonFiles(locale: string): LessonFile[] {
  const dir = join(docsDir, locale, 'lessons');
  return readdirSync(dir)
    .filter((file) => /\.mdx?$/.test(file))
    .sort()
    .map((file) => {
      const path = join(dir, file);
      const source = readFileSync(path, 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(source);
      if (!match) throw new Error(`${path} has no frontmatter block.`);
      return { locale, file, path, frontmatter: parseYaml(match[1]!) ?? {}, body: match[2]!, raw: source };
    });
}
