// Busy work standing in for image resizing, hashing or model inference: it keeps its thread busy for `ms`.
export function burnCpu(ms: number): number {
  const end = performance.now() + ms;
  let rounds = 0;
  while (performance.now() < end) rounds++;
  return rounds;
}
