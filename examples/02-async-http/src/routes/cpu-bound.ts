// A CPU-bound route: it never awaits, so while it computes no other request can be served.
import type { FastifyInstance } from 'fastify';

// Busy work standing in for image resizing, hashing or model inference.
function burnCpu(ms: number): number {
  const end = performance.now() + ms;
  let rounds = 0;
  while (performance.now() < end) rounds++;
  return rounds;
}

export function cpuBoundRoute(app: FastifyInstance) {
  app.get(
    '/cpu-bound',
    {
      // The JSON schema rejects ?ms=abc or ?ms=1.5 with a 400 before the handler runs.
      schema: {
        querystring: {
          type: 'object',
          required: ['ms'],
          properties: { ms: { type: 'integer', minimum: 1, maximum: 5000 } },
        },
      },
    },
    async (request) => {
      const { ms } = request.query as { ms: number };
      burnCpu(ms);
      return { msg: `computed for ${ms} ms`, workedMs: ms };
    },
  );
}
