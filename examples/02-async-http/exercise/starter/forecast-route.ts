// Exercise: a validated, concurrent forecast route. See exercise/README.md.
import type { FastifyInstance } from 'fastify';

/** Looks up one day's temperature (slow, like a call to a weather service). */
export type FetchTemperature = (city: string, day: number) => Promise<number>;

export function forecastRoute(app: FastifyInstance, fetchTemperature: FetchTemperature) {
  app.get(
    '/forecast',
    {
      schema: {
        // TODO 1: validate the query string, so bad input gets a 400 before the handler runs:
        //   city: required string, 1 to 50 characters
        //   days: required integer, 1 to 7
        // (see src/routes/cpu-bound.ts for a querystring schema)
      },
    },
    async (request) => {
      const { city, days } = request.query as { city: string; days: number };

      // TODO 2: this fetches day 1, waits, then day 2, waits … Fetch all days at once instead,
      //         keeping the temperatures in day order.
      const temperatures: number[] = [];
      for (let day = 1; day <= days; day++) {
        temperatures.push(await fetchTemperature(city, day));
      }
      return { city, temperatures };
    },
  );
}
