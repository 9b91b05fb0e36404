// Checks exercise/<EXERCISE_DIR>/forecast-route.ts. Run with `npm run check` (or `npm run check -- --solution`).
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sleep } from '../src/sleep.ts';

const { forecastRoute } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/forecast-route.ts`
)) as typeof import('./solution/forecast-route.ts');

// A fake weather service that remembers how many lookups were running at the same time.
function buildForecastApp() {
  const stats = { running: 0, most: 0, calls: 0 };
  const app = Fastify();
  forecastRoute(app, async (_city, day) => {
    stats.calls++;
    stats.running++;
    stats.most = Math.max(stats.most, stats.running);
    await sleep(20 - day); // later days answer sooner, so order only survives if you keep it
    stats.running--;
    return 10 + day;
  });
  return { app, stats };
}

describe('GET /forecast', () => {
  it('answers ?city=Paris&days=3 with three temperatures in day order', async () => {
    const { app } = buildForecastApp();
    const response = await app.inject({ method: 'GET', url: '/forecast?city=Paris&days=3' });
    expect(response.statusCode, 'status code').toBe(200);
    expect(response.json(), 'response body').toEqual({ city: 'Paris', temperatures: [11, 12, 13] });
  });

  it('fetches all days at the same time', async () => {
    const { app, stats } = buildForecastApp();
    await app.inject({ method: 'GET', url: '/forecast?city=Paris&days=5' });
    expect(stats.most, 'lookups running at once for days=5 (one by one gives 1)').toBe(5);
  });

  it.each([
    ['days=abc (not a number)', '/forecast?city=Paris&days=abc'],
    ['days=2.5 (not an integer)', '/forecast?city=Paris&days=2.5'],
    ['days=8 (more than 7)', '/forecast?city=Paris&days=8'],
    ['days=0 (less than 1)', '/forecast?city=Paris&days=0'],
    ['a missing city', '/forecast?days=2'],
    ['an empty city', '/forecast?city=&days=2'],
  ])('rejects %s with 400, without calling the weather service', async (_label, url) => {
    const { app, stats } = buildForecastApp();
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, `status code for ${url}`).toBe(400);
    expect(stats.calls, 'weather lookups made for bad input').toBe(0);
  });
});
