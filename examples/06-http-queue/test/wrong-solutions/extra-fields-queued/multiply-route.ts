// Wrong on purpose (test/exercise.test.ts): validates x and y, but lets any other field ride along into the queue.
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';

export interface MultiplyJob {
  x: number;
  y: number;
}

export function multiplyRoute(app: FastifyInstance, queue: Queue<MultiplyJob, number>) {
  app.post<{ Body: MultiplyJob }>(
    '/multiply',
    {
      schema: {
        body: {
          type: 'object',
          required: ['x', 'y'],
          properties: { x: { type: 'number' }, y: { type: 'number' } },
        },
      },
    },
    async (request, reply) => {
      const job = await queue.add('multiply', request.body);
      return reply.code(202).send({ taskId: job.id });
    },
  );
}
