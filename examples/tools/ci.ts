// Whether this is a CI run, where a skipped half of the tests is a failure. CI services set CI=true; people
// and other tools write CI=1 or CI=yes: any value but "", "0" and "false" counts.
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}
