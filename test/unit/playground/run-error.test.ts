import { describe, expect, it } from 'vitest';
import { findRunError, readerPaths } from '../../../src/lib/playground/run-error.ts';

// Node 24's own output for `const x = ;` in src/main.ts, run by the local runner (its temporary folder).
const syntaxError = `file:///tmp/async-lab-runs-0/session-123-abc/7f3c/examples/00-hello-ts/src/main.ts:3

const x = ;
          ^

SyntaxError [ERR_INVALID_TYPESCRIPT_SYNTAX]: Expression expected
    at parseTypeScript (node:internal/modules/typescript:72:36)
    at processTypeScriptCode (node:internal/modules/typescript:146:42)
    at stripTypeScriptModuleTypes (node:internal/modules/typescript:215:22)
    at Module._compile (node:internal/modules/cjs/loader:1883:15)
    at Object..js (node:internal/modules/cjs/loader:2060:10)
    at Module.load (node:internal/modules/cjs/loader:1651:32)
    at Module._load (node:internal/modules/cjs/loader:1443:12)
    at wrapModuleLoad (node:internal/modules/cjs/loader:261:19)
    at Module.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:154:5)
    at node:internal/main/run_main_module:33:47 {
  code: 'ERR_INVALID_TYPESCRIPT_SYNTAX'
}

Node.js v24.21.0`;

// An unhandled rejection in a WebContainer, after its runner mapped the JavaScript twin back to the .ts file.
const rejection = `queued job 1
file:///home/async-lab/examples/05-queue-basics/src/add-demo.ts:12
  throw new Error('boom');
        ^

Error: boom
    at main (file:///home/async-lab/examples/05-queue-basics/src/add-demo.ts:12:9)
    at file:///home/async-lab/examples/memory-redis/src/client.ts:40:5
    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)
    at async Worker.run (file:///home/async-lab/node_modules/bullmq/dist/esm/classes/worker.js:500:3)

Node.js v22.22.0`;

describe('paths in a run’s output', () => {
  it('are the reader’s own: relative to the example, or to its sibling packages', () => {
    expect(readerPaths(syntaxError, '00-hello-ts').split('\n')[0]).toBe('src/main.ts:3');
    const mapped = readerPaths(rejection, '05-queue-basics');
    expect(mapped).toContain('at main (src/add-demo.ts:12:9)');
    expect(mapped).toContain('at ../memory-redis/src/client.ts:40:5');
    expect(mapped).not.toMatch(/async-lab-runs|\/examples\//);
    // Libraries stay where they are: they are not the reader's files.
    expect(mapped).toContain('/home/async-lab/node_modules/bullmq/dist/esm/classes/worker.js');
  });
});

describe('the error a run died of', () => {
  it('comes first: message, the reader’s file and line, the line itself, internal frames folded', () => {
    expect(findRunError(readerPaths(syntaxError, '00-hello-ts'))).toEqual({
      message: 'SyntaxError: Expression expected',
      location: 'src/main.ts:3',
      source: ['const x = ;', '          ^'],
      frames: [],
      folded: 10,
    });
  });

  it('keeps the frames in the reader’s code, and folds the libraries’ and Node’s', () => {
    expect(findRunError(readerPaths(rejection, '05-queue-basics'))).toEqual({
      message: 'Error: boom',
      location: 'src/add-demo.ts:12',
      source: ["  throw new Error('boom');", '        ^'],
      frames: ['at main (src/add-demo.ts:12:9)'],
      folded: 3,
    });
  });

  it('finds where from the first frame of the reader’s when Node printed no header', () => {
    const output =
      'TypeError: x is not a function\n    at tick (src/worker.ts:8:3)\n    at listOnTimeout (node:internal/timers:588:17)';
    expect(findRunError(output)).toMatchObject({
      location: 'src/worker.ts:8',
      frames: ['at tick (src/worker.ts:8:3)'],
    });
  });

  it('is nothing when the program exited with a code of its own', () => {
    expect(findRunError('usage: add <x> <y>\n')).toBeUndefined();
  });
});
