// Checks the built site (dist/, made by `npm run build`): every internal link and #anchor resolves, and every
// lesson page has its title, description, one h1, headings in order, prev/next links and its other language.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonFiles, locales } from '../support/lessons.ts';

const dist = 'dist';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** The URL path a file in dist/ is served at: dist/en/lessons/x/index.html → /en/lessons/x/. */
function urlOf(file: string): string {
  return (
    '/' +
    relative(dist, file)
      .replace(/index\.html$/, '')
      .replace(/\\/g, '/')
  );
}

/** The file dist/ serves for a URL path, if any. */
function fileFor(path: string): string | undefined {
  const clean = decodeURIComponent(path);
  for (const candidate of [join(dist, clean), join(dist, clean, 'index.html'), join(dist, `${clean}.html`)]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const ids = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
const decodeEntities = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

describe('the built site', () => {
  if (!existsSync(join(dist, 'index.html'))) {
    it('has been built', () => {
      throw new Error('dist/ is missing: run `npm run build` first (npm test does it for you).');
    });
    return;
  }
  const pages = htmlFiles(dist);
  const html = new Map(pages.map((file) => [file, readFileSync(file, 'utf8')]));

  it('has every lesson in both languages', () => {
    for (const locale of locales) {
      for (const lesson of lessonFiles(locale)) {
        const url = `/${locale}/lessons/${lesson.file.replace(/\.mdx?$/, '')}/`;
        expect(fileFor(url), `${url} in dist/ (rebuild if you just added it)`).toBeDefined();
      }
    }
  });

  it('has no broken internal link or anchor', () => {
    const broken: string[] = [];
    for (const [file, text] of html) {
      const from = urlOf(file);
      for (const [, href] of text.matchAll(/<a\s[^>]*?href="([^"]+)"/g)) {
        const target = decodeEntities(href!);
        if (/^(?:[a-z]+:|\/\/)/i.test(target)) continue; // external: https:, mailto:, …
        const url = new URL(target, `http://site${from}`);
        const targetFile = fileFor(url.pathname);
        if (!targetFile) {
          broken.push(`${from} → ${target} (no such page)`);
          continue;
        }
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment && targetFile.endsWith('.html') && !ids(html.get(targetFile) ?? '').has(fragment)) {
          broken.push(`${from} → ${target} (no element with id "${fragment}")`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  for (const locale of locales) {
    const lessons = lessonFiles(locale);
    for (const [index, lesson] of lessons.entries()) {
      const slug = lesson.file.replace(/\.mdx?$/, '');
      it(`${locale}/${slug}: title, description, headings, prev/next, language switch`, () => {
        const file = fileFor(`/${locale}/lessons/${slug}/`);
        expect(file, 'built page').toBeDefined();
        const page = html.get(file!)!;
        const title = decodeEntities(/<title>([^<]*)<\/title>/.exec(page)?.[1] ?? '');
        expect(title, '<title>').toContain(String(lesson.frontmatter.title));
        const description = decodeEntities(/<meta name="description" content="([^"]*)"/.exec(page)?.[1] ?? '');
        expect(description, 'meta description').toBe(String(lesson.frontmatter.description));
        expect(/<html[^>]*\slang="([^"]+)"/.exec(page)?.[1], 'html lang').toBe(locale === 'zh' ? 'zh-CN' : 'en');

        // Attribute values are not markup: a code block's copy button carries its code (HTML included) in one.
        const main = page.slice(page.indexOf('<main'), page.indexOf('</main>')).replace(/="[^"]*"/g, '=""');
        const levels = [...main.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
        expect(levels.filter((level) => level === 1).length, 'one h1').toBe(1);
        const skips = levels.filter((level, i) => i > 0 && level > levels[i - 1]! + 1);
        expect(skips, `heading levels in order: ${levels.join(' ')}`).toEqual([]);

        const other = locale === 'zh' ? 'en' : 'zh';
        expect(page, 'a link to the same lesson in the other language').toContain(`/${other}/lessons/${slug}/`);
        const previous = lessons[index - 1];
        const next = lessons[index + 1];
        if (previous) {
          expect(page, 'prev link').toContain(
            `href="/${locale}/lessons/${previous.file.replace(/\.mdx?$/, '')}/" rel="prev"`,
          );
        }
        if (next)
          expect(page, 'next link').toContain(
            `href="/${locale}/lessons/${next.file.replace(/\.mdx?$/, '')}/" rel="next"`,
          );
      });
    }
  }
});
