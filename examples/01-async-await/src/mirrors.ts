// Pretend download mirrors: each answers after `ms`, or fails — enough to show the Promise combinators.
import { sleep } from './sleep.ts';

export interface Mirror {
  name: string;
  ms: number;
  fails?: boolean;
}

export async function download(mirror: Mirror): Promise<string> {
  await sleep(mirror.ms);
  if (mirror.fails) throw new Error(`${mirror.name} is down`);
  return `file from ${mirror.name}`;
}
