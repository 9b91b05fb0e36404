// Give up on slow work: AbortSignal.timeout() for a deadline, AbortController to cancel by hand.
import { sleep } from './sleep.ts';
import { startStopwatch } from './stopwatch.ts';

async function attempt(label: string, work: Promise<unknown>) {
  const took = startStopwatch();
  try {
    await work;
    console.log(`${label}: finished after ${took()}`);
  } catch (error) {
    const { name, message } = error as Error;
    console.log(`${label}: ${name} after ${took()} — ${message}`);
  }
}

// A 2-second job with a 0.5-second deadline: the signal aborts the sleep, the timer is cleared.
await attempt('deadline', sleep(2000, AbortSignal.timeout(500)));

// Same job, cancelled by "the user" after 0.3 s.
const controller = new AbortController();
setTimeout(() => controller.abort(), 300);
await attempt('cancelled', sleep(2000, controller.signal));

// Within the deadline: nothing happens.
await attempt('in time', sleep(200, AbortSignal.timeout(500)));
