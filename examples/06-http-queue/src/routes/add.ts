// POST /add: validate {x, y}, put a job on the queue, answer at once with its id (FastAPI: add.delay).
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { AddJob } from '../add-queue.ts';

export function addRoute(app: FastifyInstance, queue: Queue<AddJob, number>) {
  app.post<{ Body: AddJob }>(
    '/add',
    {
      // Bad input is answered with 400 and a message before anything reaches the queue.
      schema: {
        body: {
          type: 'object',
          required: ['x', 'y'],
          additionalProperties: false, // Fastify then strips unknown fields: only x and y reach the queue
          properties: { x: { type: 'integer' }, y: { type: 'integer' } },
        },
      },
    },
    async (request, reply) => {
      const job = await queue.add('add', request.body);
      // 202 Accepted: the work is queued, not done. The id is how the client asks about it later.
      return reply.code(202).send({ taskId: job.id });
    },
  );
}
