// Two routes that do the same long loop: /primes holds the event loop until the count is done,
// /primes-sliced hands it back every 5,000 numbers (src/count-primes.ts).
import type { FastifyInstance } from 'fastify';
import { countPrimes, countPrimesInSlices } from '../count-primes.ts';

const belowQuerySchema = {
  type: 'object',
  required: ['below'],
  properties: { below: { type: 'integer', minimum: 2, maximum: 20_000_000 } },
} as const;

export function primesRoutes(app: FastifyInstance) {
  app.get('/primes', { schema: { querystring: belowQuerySchema } }, async (request) => {
    const { below } = request.query as { below: number };
    return { below, primes: countPrimes(below) };
  });

  app.get('/primes-sliced', { schema: { querystring: belowQuerySchema } }, async (request) => {
    const { below } = request.query as { below: number };
    return { below, primes: await countPrimesInSlices(below) };
  });
}
