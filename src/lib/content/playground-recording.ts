// The recorded run a Playground shows before the reader runs anything. A lesson that names a recording that
// does not exist fails the build; in `astro dev` the page says so instead, so a lesson can be written before
// its recording is made.
import { readRecording, type Recording } from '../recordings/recording.ts';

export type RecordingOrProblem = Recording | { missing: string };

export function loadRecording(example: string, name: string): RecordingOrProblem {
  try {
    return readRecording(example, name);
  } catch (error) {
    if (import.meta.env.DEV) return { missing: (error as Error).message };
    throw error;
  }
}
