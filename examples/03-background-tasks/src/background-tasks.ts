// A small typed twin of FastAPI's BackgroundTasks: collect work during a request, run it later, in order.

type Task = { name: string; run: () => unknown };

export type TaskErrorHandler = (error: Error, taskName: string) => void;

export class BackgroundTasks {
  #tasks: Task[] = [];

  /** Queue `fn(...args)` to run after the response is sent. Arguments are type-checked against `fn`. */
  addTask<Args extends unknown[]>(fn: (...args: Args) => unknown, ...args: Args): void {
    this.#tasks.push({ name: fn.name || 'anonymous task', run: () => fn(...args) });
  }

  get size(): number {
    return this.#tasks.length;
  }

  /**
   * Runs the tasks one after another. A failing task is reported to `onError` (never swallowed)
   * and the next task still runs. (FastAPI stops at the first failure; logging and going on suits
   * independent side jobs such as e-mails better.)
   */
  async runAll(onError: TaskErrorHandler): Promise<void> {
    const tasks = this.#tasks;
    this.#tasks = [];
    for (const task of tasks) {
      try {
        await task.run();
      } catch (error) {
        onError(error instanceof Error ? error : new Error(String(error)), task.name);
      }
    }
  }
}
