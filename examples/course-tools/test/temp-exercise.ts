// Builds a throw-away example package (package.json + the given files) in the system's temp folder, for
// checker tests that need an exercise broken in a particular way.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempExercise {
  dir: string;
  remove(): Promise<void>;
}

export async function tempExercise(files: Record<string, string>): Promise<TempExercise> {
  const dir = await mkdtemp(join(tmpdir(), 'async-lab-exercise-'));
  const all = { 'package.json': JSON.stringify({ name: 'temp-exercise', private: true, type: 'module' }), ...files };
  for (const [path, text] of Object.entries(all)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
