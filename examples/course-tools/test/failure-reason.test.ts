// The one line under a failed check, from errors made the way node:test hands them over: the thrown error
// wrapped in an ERR_TEST_FAILURE whose .cause it is (or, for node:test's own failures, a string).
import assert from 'node:assert/strict';
import { describe, expect, it } from 'vitest';
import { failureReason } from '../src/failure-reason.ts';

/** What a check's assertion throws. */
function thrownBy(check: () => unknown): unknown {
  try {
    check();
  } catch (error) {
    return error;
  }
  throw new Error('the check did not throw');
}

/** node:test's wrapper around it. */
function wrapped(cause: unknown): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  return Object.assign(new Error(message, { cause }), { code: 'ERR_TEST_FAILURE', failureType: 'testCodeFailure' });
}

describe('failureReason', () => {
  it('adds the expected and actual values to a custom message', () => {
    const error = thrownBy(() => assert.equal('failed', 'completed', 'job state (failed because: busy)'));
    expect(failureReason(wrapped(error))).toBe("job state (failed because: busy): expected 'completed', got 'failed'");
  });

  it('reads the assertion the same unwrapped', () => {
    const error = thrownBy(() => assert.equal(1, 3, 'attempts it took'));
    expect(failureReason(error)).toBe('attempts it took: expected 3, got 1');
  });

  it('shows objects on one line', () => {
    const error = thrownBy(() =>
      assert.deepEqual({ city: 'Paris', days: [1, 2] }, { city: 'Paris', days: [1] }, 'body'),
    );
    expect(failureReason(wrapped(error))).toBe(
      "body: expected { city: 'Paris', days: [ 1 ] }, got { city: 'Paris', days: [ 1, 2 ] }",
    );
  });

  it('cuts a long value short', () => {
    const text = failureReason(wrapped(thrownBy(() => assert.equal('x'.repeat(500), 'y', 'long'))));
    expect(text).toMatch(/^long: expected 'y', got 'x{120}'\.\.\. 380 more characters$/);
    const rows = Array.from({ length: 8 }, (_, id) => ({ id, name: `row ${id}` }));
    const list = failureReason(wrapped(thrownBy(() => assert.deepEqual(rows, [], 'rows'))));
    expect(list).toMatch(/^rows: expected \[\], got \[ \{ id: 0, name: 'row 0' \}, .*…$/);
    expect(list.length).toBeLessThan(200);
  });

  it('says what a match or a not-equal wanted', () => {
    const match = thrownBy(() =>
      assert.match('sum too big', /not-an-address/, 'the failed reason should name the address'),
    );
    expect(failureReason(wrapped(match))).toBe(
      "the failed reason should name the address: expected a string matching /not-an-address/, got 'sum too big'",
    );
    const notEqual = thrownBy(() => assert.notEqual(2, 2, 'sends'));
    expect(failureReason(wrapped(notEqual))).toBe('sends: expected anything but 2');
  });

  it('shows only the message of assert.ok, where the message is the whole story', () => {
    const error = thrownBy(() => assert.ok(false, 'report-1 should finish; the worker logged []'));
    expect(failureReason(wrapped(error))).toBe('report-1 should finish; the worker logged []');
  });

  it('names the wrong error a rejection brought', async () => {
    const error = await assert
      .rejects(
        Promise.reject(new Error('connection refused')),
        /SMTP server down/,
        'the send error should reach the caller',
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(failureReason(wrapped(error))).toBe(
      'the send error should reach the caller: expected an error matching /SMTP server down/, got Error: connection refused',
    );
  });

  it('keeps the first line of a generated message, as vitest did', () => {
    const error = thrownBy(() => assert.equal(1, 2));
    expect(failureReason(wrapped(error))).toBe('Expected values to be strictly equal:');
  });

  it('names errors other than assertions by their type', () => {
    const error = thrownBy(() => (null as unknown as { x: number }).x);
    expect(failureReason(wrapped(error))).toBe("TypeError: Cannot read properties of null (reading 'x')");
    expect(failureReason(wrapped(new Error('mail server down\nat line 2')))).toBe('mail server down');
  });

  it('uses the wrapper’s message when node:test itself failed the check', () => {
    const timeout = Object.assign(new Error('test timed out after 10000ms'), {
      code: 'ERR_TEST_FAILURE',
      failureType: 'testTimeoutFailure',
      cause: 'test timed out after 10000ms',
    });
    expect(failureReason(timeout)).toBe('test timed out after 10000ms');
    expect(failureReason(wrapped('a thrown string'))).toBe('a thrown string');
  });
});
