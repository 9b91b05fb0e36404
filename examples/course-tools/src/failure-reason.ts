// Turns the error of a failed check into the one line a learner reads under it. node:test hands the
// error over wrapped (code ERR_TEST_FAILURE, the original in .cause); a check written as
//   assert.equal(run.state, 'completed', 'job state')
// fails with an AssertionError whose message is only 'job state', so the values come from its
// expected/actual: "job state: expected 'completed', got 'failed'".
import { inspect } from 'node:util';
import { say } from './say.ts';
import { firstLine } from './verdict.ts';

interface AssertionLike {
  message: string;
  generatedMessage: boolean;
  operator?: string;
  expected: unknown;
  actual: unknown;
}

/** A value longer than this is cut: the reason stays one readable line. */
const MAX_VALUE_LENGTH = 160;

export function failureReason(error: unknown): string {
  const original = unwrap(error);
  if (isAssertion(original)) return assertionReason(original);
  if (original instanceof Error || isErrorLike(original)) {
    const { name, message } = original as Error;
    // A TypeError or RangeError from the code under test says more with its name.
    return name && name !== 'Error' ? `${name}: ${firstLine(message)}` : firstLine(message);
  }
  return firstLine(String(original));
}

/** node:test's wrapper keeps the thrown value in .cause; for its own failures (timeouts) .cause is a string. */
function unwrap(error: unknown): unknown {
  if (isErrorLike(error) && (error as { code?: unknown }).code === 'ERR_TEST_FAILURE') {
    const cause = (error as { cause?: unknown }).cause;
    return typeof cause === 'object' && cause !== null ? cause : error;
  }
  return error;
}

function assertionReason(error: AssertionLike): string {
  const message = firstLine(error.message);
  if (error.generatedMessage || !('expected' in error) || !('actual' in error)) return message;
  const { operator, expected, actual } = error;
  switch (operator) {
    case 'notStrictEqual':
    case 'notDeepStrictEqual':
    case 'notEqual':
    case 'notDeepEqual':
      return say(`${message}: expected anything but ${value(expected)}`, `${message}：不应是 ${value(expected)}`);
    case 'match':
      return say(
        `${message}: expected a string matching ${value(expected)}, got ${value(actual)}`,
        `${message}：应匹配 ${value(expected)}，实际是 ${value(actual)}`,
      );
    case 'doesNotMatch':
      return say(
        `${message}: expected a string not matching ${value(expected)}, got ${value(actual)}`,
        `${message}：不应匹配 ${value(expected)}，实际是 ${value(actual)}`,
      );
    case 'rejects':
    case 'throws':
      // "Missing expected rejection: <message>" already says it all when nothing was thrown.
      if (actual === undefined) return message;
      return say(
        `${message}: expected an error matching ${value(expected)}, got ${value(actual)}`,
        `${message}：应抛出匹配 ${value(expected)} 的错误，实际是 ${value(actual)}`,
      );
    case '==':
      // assert.ok(condition, message): the message is the whole story; "got false" would add nothing.
      if (expected === true) return message;
      return expectedGot(message, expected, actual);
    default:
      return expectedGot(message, expected, actual);
  }
}

function expectedGot(message: string, expected: unknown, actual: unknown): string {
  return say(
    `${message}: expected ${value(expected)}, got ${value(actual)}`,
    `${message}：应是 ${value(expected)}，实际是 ${value(actual)}`,
  );
}

/** One line, whatever the value: an Error as "Name: message", anything else as util.inspect shows it. */
function value(v: unknown): string {
  const text =
    v instanceof Error || isErrorLike(v)
      ? `${(v as Error).name}: ${firstLine((v as Error).message)}`
      : inspect(v, { breakLength: Infinity, compact: true, depth: 3, maxArrayLength: 10, maxStringLength: 120 });
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  return oneLine.length > MAX_VALUE_LENGTH ? `${oneLine.slice(0, MAX_VALUE_LENGTH - 1)}…` : oneLine;
}

function isAssertion(error: unknown): error is AssertionLike {
  return isErrorLike(error) && (error as { code?: unknown }).code === 'ERR_ASSERTION';
}

/** Errors cross from the check's process into this one by serialisation: duck-type rather than instanceof. */
function isErrorLike(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { message?: unknown }).message === 'string' &&
    typeof (v as { name?: unknown }).name === 'string'
  );
}
