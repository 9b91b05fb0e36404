// Job options for work that may fail for a moment: try 3 times, waiting longer after each failure.
import type { JobsOptions } from 'bullmq';

export const retryWithBackoff = {
  attempts: 3, // the first try plus two retries
  backoff: { type: 'exponential', delay: 200 }, // wait 200 ms, then 400 ms, ...
} satisfies JobsOptions;

// Exponential backoff: the wait doubles after every failed attempt.
export function backoffDelay(attemptsMade: number, firstDelay: number): number {
  return firstDelay * 2 ** (attemptsMade - 1);
}
