// Waiting without blocking: the server keeps serving other requests meanwhile.
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
