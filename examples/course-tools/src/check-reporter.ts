// A node:test reporter that runs inside the check file's own process (run-checks.ts starts it with
// `--test-reporter=<this file> --test-reporter-destination=<a file>`) and writes, one JSON line each, the events
// the checker needs. Results come back through a file, not by parsing a child's stdout, which in a WebContainer
// passes through a terminal; and a failure's reason is worded here, where the thrown error is still the real
// object (an AssertionError with its expected and actual values), not a copy that lost half of it.
// Reporters given on the command line work for a plain `node file` run since Node 18.15 and 19.6.
import type { TestEvent } from 'node:test/reporters';
import { failureReason } from './failure-reason.ts';

interface Located {
  name: string;
  nesting: number;
  line?: number;
  column?: number;
}

/** One line of the events file. */
export type CheckEvent =
  | ({ type: 'enqueue' | 'dequeue' } & Located)
  | ({
      type: 'pass' | 'fail';
      /** A describe() block: it only groups checks. */
      suite: boolean;
      skipped: boolean;
      /** node:test's kind of failure: testCodeFailure, hookFailed, cancelledByParent, subtestsFailed, … */
      failureType?: string;
      /** The failure in one line (failure-reason.ts). */
      reason?: string;
      /** The failure is an error the code threw (rather than node:test's own, e.g. a cancellation). */
      thrown?: boolean;
    } & Located)
  | { type: 'diagnostic'; message: string };

export default async function* checkReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  for await (const event of source) {
    const checkEvent = toCheckEvent(event);
    if (checkEvent) yield `${JSON.stringify(checkEvent)}\n`;
  }
}

function toCheckEvent(event: TestEvent): CheckEvent | undefined {
  switch (event.type) {
    case 'test:enqueue':
    case 'test:dequeue':
      return { type: event.type === 'test:enqueue' ? 'enqueue' : 'dequeue', ...located(event.data) };
    case 'test:pass':
    case 'test:fail': {
      const { data } = event;
      const result: CheckEvent = {
        type: event.type === 'test:pass' ? 'pass' : 'fail',
        ...located(data),
        suite: data.details.type === 'suite',
        skipped: Boolean(data.skip || data.todo),
      };
      if (event.type === 'test:fail') {
        const error = event.data.details.error as Error & { failureType?: string; cause?: unknown };
        result.failureType = error.failureType;
        result.reason = failureReason(error);
        result.thrown = typeof error.cause === 'object' && error.cause !== null;
      }
      return result;
    }
    case 'test:diagnostic':
      return { type: 'diagnostic', message: event.data.message };
    default:
      return undefined;
  }
}

function located(data: Located): Located {
  const { name, nesting, line, column } = data;
  return { name, nesting, ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }) };
}
