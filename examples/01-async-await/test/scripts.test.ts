import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = (script: string) =>
  execFileSync(process.execPath, [fileURLToPath(new URL(`../src/${script}`, import.meta.url))], { encoding: 'utf8' });

describe('printed demos (the output a lesson shows)', () => {
  it('event-loop.ts: sync code, then microtasks, then timers', () => {
    expect(run('event-loop.ts').trim().split('\n')).toEqual([
      '1. [sync     ] async function runs until its first await',
      '2. [sync     ] last line of the script',
      '3. [microtask] promise .then() callback',
      '4. [microtask] async function resumes after await',
      '5. [microtask] queueMicrotask() callback',
      '6. [timer    ] setTimeout(…, 0) callback',
    ]);
  });

  it('errors.ts: try/catch catches an awaited rejection; without await it escapes', () => {
    expect(run('errors.ts').trim().split('\n')).toEqual([
      'found user 1: Ada',
      'could not load user 2: no user with id 2',
      'no await: the try block is already over',
      'caught later by .catch(): no user with id 3',
    ]);
  });
});
