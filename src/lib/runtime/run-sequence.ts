// Serialises the runs of one runner as a chain of tasks (as TutorialKit's runner does): each new run waits for
// the previous task, stops its process (even one still starting), then starts. Two quick clicks on Run can never
// leave an untracked process behind, and events of an old run always end (with its exit) before the new run's.
import type { RunHandle } from './runner.ts';

export interface RunSequence {
  /** Stops whatever runs (or is starting), then starts the next run with `start`. */
  next(start: () => Promise<RunHandle>): Promise<RunHandle>;
  /** Stops whatever runs (or is starting). */
  stop(): Promise<void>;
  /** True while a started run has not exited. */
  readonly running: boolean;
}

export function createRunSequence(onIdle: () => void): RunSequence {
  let tail: Promise<unknown> = Promise.resolve();
  let current: RunHandle | undefined;

  const settled = () => tail.catch(() => undefined);

  return {
    next(start) {
      const task = settled().then(async () => {
        await current?.stop();
        const handle = await start();
        current = handle;
        void handle.exit.then(() => {
          if (current !== handle) return;
          current = undefined;
          onIdle();
        });
        return handle;
      });
      tail = task;
      return task;
    },
    async stop() {
      await settled();
      await current?.stop();
    },
    get running() {
      return current !== undefined;
    },
  };
}
