// Every word the site says to the reader comes from its dictionaries (src/content/i18n/*.json) through
// Starlight's i18n: a sentence written into a component or a script would reach one language's readers only.
// Two nets: the sources (no Chinese outside the dictionaries and the lessons, no per-language tables, no text
// between tags in a component's markup), and the built zh pages (the playground's and queue panel's chrome, the
// diagrams and the recorded output's labels carry no English words beyond names and keys).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

const sources = [
  ...files('src/components', /\.astro$/),
  ...files('src/lib', /\.ts$/),
  ...files('src/pages', /\.(ts|astro)$/),
];

/**
 * A line's code without what is not said to the reader: comments, and regular expressions (a pattern may
 * recognise Chinese in what a program prints or in a lesson's title).
 */
function spoken(line: string): string {
  if (/^\s*(?:\/\/|\/?\*)/.test(line)) return '';
  return line
    .replace(/(^|[(,=:&|!?]\s*|\breturn\s+)\/(?![/*])(?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\\n])+\/[dgimsuvy]*/g, '$1')
    .replace(/\s\/\/.*$/, '');
}

/** Sources whose Chinese is not said by the page: what they read or write is a document or program output. */
const notInterface = new Map([
  ['src/lib/content/example-zip.ts', 'the downloaded zip’s README, one file in both languages'],
  ['src/lib/recordings/compare-timings.ts', 'recognises durations ("3 秒") in what programs print'],
  ['src/lib/recordings/normalise-output.ts', 'recognises durations ("3 秒") in what programs print'],
]);

describe('interface strings in the sources', () => {
  it('has no Chinese outside the dictionaries and the lessons', () => {
    const found = sources
      .filter((file) => !notInterface.has(file))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (/\p{Script=Han}/u.test(spoken(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(found).toEqual([]);
  });

  it('keeps no table of words per language', () => {
    // `zh: {` / `en: {` / `'zh-CN': {` objects, or choosing words by the page's language, bring back a second
    // dictionary; astro.config.mjs's site title is Starlight's own per-language setting.
    const found = sources.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^\s*(?:zh|en|'zh-CN')\s*:\s*\{|currentLocale|\blang\s*===\s*'/gm)].map(
        (match) => `${file}: ${match[0].trim()}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it('has no text written between tags in a component’s markup', () => {
    const found = files('src/components', /\.astro$/).flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      const markup = source
        .slice(source.indexOf('---', 3) + 3)
        .replace(/<(style|script)[\s\S]*?<\/\1>/g, '')
        .replace(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/g, '{}') // expressions (one level of nesting)
        .replace(/<!--[\s\S]*?-->/g, '');
      return [...markup.matchAll(/>([^<>{}]*[A-Za-z]{2,}[^<>{}]*)</g)]
        .map((match) => match[1]!.trim())
        .filter((text) => text && !BULLMQ_STATES.has(text))
        .map((text) => `${file}: ${text}`);
    });
    expect(found).toEqual([]);
  });
});

/** The job-states diagram labels its boxes with BullMQ's own state names: code, the same in every language. */
const BULLMQ_STATES = new Set(['waiting', 'active', 'completed', 'failed', 'delayed', 'stalled', 'prioritized']);

describe('interface strings on the built zh pages', () => {
  const page = 'dist/zh/lessons/05-queue-basics/index.html';

  it('shows the playground, the queue panel and the diagrams in Chinese', () => {
    if (!existsSync(page)) throw new Error(`${page} is missing: run \`npm run build\` first (npm test does it).`);
    const html = readFileSync(page, 'utf8');
    // The interface's own text: the playground's and panel's buttons, titles, the help and status lines, the queue
    // panel's labels and headers, the diagrams; and the accessible names of the panels.
    const elements = [
      /<button type="button"[^>]*data-(?:action="(?!copy")|qv-replay)[^>]*>([\s\S]*?)<\/button>/g,
      /<span class="pg-output-title[^"]*">([\s\S]*?)<\/span>/g,
      /<p class="pg-(?:help|status)[^"]*"[^>]*>([\s\S]*?)<\/p>/g,
      /<span class="qv-(?:title|mode|state-name)[^"]*"[^>]*>([\s\S]*?)<\/span>/g,
      /<p class="qv-empty[^"]*">([\s\S]*?)<\/p>/g,
      /<th scope="col"[^>]*>([\s\S]*?)<\/th>/g,
      /<details class="qv-table-toggle"><summary>([\s\S]*?)<\/summary>/g,
      /<figure class="not-content diagram[\s\S]*?<\/figure>/g,
      /\saria-label="([^"]*)"/g,
    ];
    const text = elements
      .flatMap((pattern) => [...html.matchAll(pattern)].map((m) => m[1] ?? m[0]))
      .join('\n')
      .replace(/<code[\s\S]*?<\/code>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[a-z]+;|&#\d+;/g, ' ');
    expect(text.length).toBeGreaterThan(500);
    // Parameters are code: example and file names, commands (anything with - / . or inner capitals).
    const english = [...text.matchAll(/[\w./-]*[A-Za-z]{3,}[\w./-]*/g)]
      .map((m) => m[0])
      .filter((word) => !/[-/.]|[a-z][A-Z]|\d/.test(word))
      .filter((word) => !ALLOWED.has(word) && !BULLMQ_STATES.has(word));
    expect([...new Set(english)]).toEqual([]);
  });
});

/** Names, keys and code that stay as they are in every language. */
const ALLOWED = new Set([
  'Ctrl',
  'Enter',
  'Tab',
  'Mac',
  'Worker',
  'WebContainers',
  'Node',
  'BullMQ',
  'Redis',
  'zip',
  'add',
  'worker',
  'queue',
  'API',
  'HTTP',
  'POST',
  'JSON',
  'Fastify',
  'Celery',
  'Python',
  'node',
  'src',
  // BullMQ's option and field names, which the diagrams name as code.
  'delay',
  'attempts',
  'backoff',
  'returnvalue',
  // A lesson's own title for a playground names an event: "没有 error 监听器".
  'error',
]);
