// Measures how long something took, rounded to a tenth of a second so printed output stays stable.
export function startStopwatch(): () => string {
  const start = performance.now();
  return () => `~${((performance.now() - start) / 1000).toFixed(1)} s`;
}
