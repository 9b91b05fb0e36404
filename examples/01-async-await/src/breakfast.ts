// Three independent jobs that each take a while (think: three HTTP calls).
import { sleep } from './sleep.ts';

export async function brewCoffee(ms = 1000): Promise<string> {
  await sleep(ms);
  return 'coffee';
}

export async function toastBread(ms = 1000): Promise<string> {
  await sleep(ms);
  return 'toast';
}

export async function fryEgg(ms = 1000): Promise<string> {
  await sleep(ms);
  return 'egg';
}

// Each await waits for the previous job to finish before starting the next: 1 + 1 + 1 seconds.
export async function breakfastOneByOne(ms = 1000): Promise<string[]> {
  const coffee = await brewCoffee(ms);
  const toast = await toastBread(ms);
  const egg = await fryEgg(ms);
  return [coffee, toast, egg];
}

// Start all three first, then wait for all of them together: about 1 second in total.
export async function breakfastAllAtOnce(ms = 1000): Promise<string[]> {
  return Promise.all([brewCoffee(ms), toastBread(ms), fryEgg(ms)]);
}
