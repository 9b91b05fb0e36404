// Wrong on purpose (test/exercise.test.ts): copied from POST /add and the job name left as it was, so the
// add worker would take these jobs.
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
          additionalProperties: false,
          properties: { x: { type: 'number' }, y: { type: 'number' } },
        },
      },
    },
    async (request, reply) => {
      const job = await queue.add('add', request.body);
      return reply.code(202).send({ taskId: job.id });
    },
  );
}
