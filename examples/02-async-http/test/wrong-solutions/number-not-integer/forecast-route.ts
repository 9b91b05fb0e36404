// Wrong on purpose (test/exercise.test.ts): `days` is a number, not an integer, so ?days=2.5 gets through.
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
            days: { type: 'number', minimum: 1, maximum: 7 },
          },
        },
      },
    },
    async (request) => {
      const { city, days } = request.query as { city: string; days: number };
      const dayNumbers = Array.from({ length: days }, (_, i) => i + 1);
      const temperatures = await Promise.all(dayNumbers.map((day) => fetchTemperature(city, day)));
      return { city, temperatures };
    },
  );
}
