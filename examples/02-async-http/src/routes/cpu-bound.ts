// A CPU-bound route: it never awaits, so while it computes no other request can be served.
import type { FastifyInstance } from 'fastify';
import { burnCpu } from '../burn-cpu.ts';
import { msQuerySchema } from './ms-query-schema.ts';

export function cpuBoundRoute(app: FastifyInstance) {
  app.get(
    '/cpu-bound',
    {
      // The JSON schema rejects ?ms=abc or ?ms=1.5 with a 400 before the handler runs.
      schema: { querystring: msQuerySchema },
    },
    async (request) => {
      const { ms } = request.query as { ms: number };
      burnCpu(ms);
      return { msg: `computed for ${ms} ms`, workedMs: ms };
    },
  );
}
