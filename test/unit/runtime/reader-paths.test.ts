// What a run in the container prints names the twins it runs; the reader sees their .ts files.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReaderPathMapper } from '../../../src/lib/runtime/reader-paths.ts';

const root = '/home/async-lab/examples';

function collect(holdMs = 30) {
  const out: string[] = [];
  const mapper = createReaderPathMapper(root, (text) => out.push(text), holdMs);
  return { out, mapper, text: () => out.join('') };
}

afterEach(() => vi.useRealTimers());

describe('reader paths', () => {
  it('maps twins under examples/ back to .ts, with line and column, in file URLs and plain paths', () => {
    const { mapper, text } = collect();
    mapper.push(`file://${root}/00-hello-ts/src/main.js:3\r\n`);
    mapper.push(`    at file://${root}/05-queue-basics/src/add-demo.js:12:9\r\n`);
    mapper.push(`    at async ${root}/course-tools/src/run-checks.mjs:5:1)\r\n`);
    mapper.flush();
    expect(text()).toBe(
      `file://${root}/00-hello-ts/src/main.ts:3\r\n    at file://${root}/05-queue-basics/src/add-demo.ts:12:9\r\n` +
        `    at async ${root}/course-tools/src/run-checks.mts:5:1)\r\n`,
    );
  });

  it('finds a path that Node coloured in part (the working directory is dimmed in stack frames)', () => {
    const { mapper, text } = collect();
    mapper.push(`    at \x1b[90mfile://${root}/00-hello-ts/\x1b[39msrc/main.js:2:7\n`);
    mapper.flush();
    expect(text()).toBe(`    at \x1b[90mfile://${root}/00-hello-ts/\x1b[39msrc/main.ts:2:7\n`);
  });

  it('leaves dependencies, other folders and other extensions alone', () => {
    const { mapper, text } = collect();
    const line = `at ${root}/node_modules/x/index.js:1 /home/async-lab/node_modules/bullmq/dist/cjs/index.js /tmp/a.js ${root}/05/data.json\n`;
    mapper.push(line);
    mapper.flush();
    expect(text()).toBe(line);
  });

  it('holds back a path cut by a chunk boundary until the rest arrives', () => {
    const { mapper, out, text } = collect();
    mapper.push(`ok\r\n    at file://${root}/05-queue-ba`);
    expect(out).toEqual(['ok\r\n']);
    mapper.push('sics/src/add-demo.js:12:9\r\n');
    mapper.flush();
    expect(text()).toBe(`ok\r\n    at file://${root}/05-queue-basics/src/add-demo.ts:12:9\r\n`);
  });

  it('does not keep a prompt waiting: a held tail goes out after a moment', async () => {
    vi.useFakeTimers();
    const { mapper, out } = collect(30);
    mapper.push('Save to src/notes.txt? ');
    expect(out).toEqual(['Save to src/notes.txt? ']); // ends in a space: cannot be a path in the making
    mapper.push('y/n');
    expect(out).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(30);
    expect(out).toEqual(['Save to src/notes.txt? ', 'y/n']);
  });
});
