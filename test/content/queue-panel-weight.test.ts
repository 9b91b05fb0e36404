// The queue panel must add nothing to a page's JavaScript before the reader runs code: a lesson with queue
// panels loads exactly the up-front scripts of a lesson with playgrounds and no panel (reads the built dist/).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

function upFrontScripts(lesson: string): string[] {
  const html = readFileSync(`dist/en/lessons/${lesson}/index.html`, 'utf8');
  return [...new Set([...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!))].sort();
}

describe('queue panel page weight', () => {
  it('adds no script before the reader runs code', () => {
    const withPanels = readFileSync('dist/en/lessons/05-queue-basics/index.html', 'utf8');
    expect(withPanels).toContain('data-queue-view');
    expect(readFileSync('dist/en/lessons/01-async-await/index.html', 'utf8')).not.toContain('data-queue-view');
    expect(upFrontScripts('05-queue-basics')).toEqual(upFrontScripts('01-async-await'));
  });
});
