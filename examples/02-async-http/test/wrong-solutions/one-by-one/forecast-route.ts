// Wrong on purpose (test/exercise.test.ts): validated, but still fetches one day after the other.
import type { FastifyInstance } from 'fastify';

/** Looks up one day's temperature (slow, like a call to a weather service). */
export type FetchTemperature = (city: string, day: number) => Promise<number>;

export function forecastRoute(app: FastifyInstance, fetchTemperature: FetchTemperature) {
  app.get(
    '/forecast',
    {
      schema: {
        querystring: {
          type: 'object',
          required: ['city', 'days'],
          properties: {
            city: { type: 'string', minLength: 1, maxLength: 50 },
            days: { type: 'integer', minimum: 1, maximum: 7 },
          },
        },
      },
    },
    async (request) => {
      const { city, days } = request.query as { city: string; days: number };
      const temperatures: number[] = [];
      for (let day = 1; day <= days; day++) temperatures.push(await fetchTemperature(city, day));
      return { city, temperatures };
    },
  );
}
