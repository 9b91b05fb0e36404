// The site's tests run examples on the in-memory Redis, whatever REDIS_URL the shell has (vitest.config.ts
// removes it): a playground run or a recording must not land in a Redis that may hold other data.
import { expect, it } from 'vitest';

it('sees no REDIS_URL, so every example it runs uses the in-memory Redis', () => {
  expect(process.env.REDIS_URL).toBeUndefined();
});
