// What scripts/record-outputs.ts stores for one run of an example, and where: shared by the recorder,
// the components that show recordings, and the freshness test.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Recording {
  example: string;
  name: string;
  /** argv as run in the example's folder, e.g. ["node", "src/main.ts"]. */
  command: string[];
  /** stdout and stderr merged in the order they were written, normalised (see normalise-output.ts). */
  output: string;
  exitCode: number | null;
  /** Trace events (lines starting with the trace marker), in order, normalised like the output. */
  trace: unknown[];
}

// Next to this file in the repository; once Astro has bundled this module, from the project root instead.
const besideSource = resolve(import.meta.dirname, '../../generated/recordings');
export const recordingsRoot = existsSync(besideSource)
  ? besideSource
  : resolve(process.cwd(), 'src/generated/recordings');

export function recordingPath(example: string, name: string, root = recordingsRoot): string {
  return resolve(root, example, `${name}.json`);
}

/** Reads a committed recording; a missing one fails the build with the command that makes it. */
export function readRecording(example: string, name: string, root = recordingsRoot): Recording {
  const path = recordingPath(example, name, root);
  if (!existsSync(path)) {
    throw new Error(
      `No recorded output "${example}/${name}" (${path}). Add it to scripts/recordings.config.ts and run \`npm run record\`.`,
    );
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Recording;
}

export function serialiseRecording(recording: Recording): string {
  return JSON.stringify(recording, null, 2) + '\n';
}
