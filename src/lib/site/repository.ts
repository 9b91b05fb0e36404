// The course's source repository, when the build is told where it is: PUBLIC_REPOSITORY_URL=https://… at build
// time. Without it the site names no repository at all (no dead link); the whole-examples download stands in.
export function repositoryUrl(value: string | undefined = import.meta.env.PUBLIC_REPOSITORY_URL): string | undefined {
  const url = value?.trim();
  if (!url) return undefined;
  if (!/^https:\/\/[^\s/]+\/\S+$/.test(url)) {
    throw new Error(`PUBLIC_REPOSITORY_URL must be the https:// address of the repository; it is "${url}".`);
  }
  return url.replace(/\/+$/, '');
}
