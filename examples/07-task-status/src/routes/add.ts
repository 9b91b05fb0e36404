// POST /add: validate {x, y}, queue a job, answer 202 with its id (explained in 06-http-queue).
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { AddJob } from '../add-queue.ts';

export function addRoute(app: FastifyInstance, queue: Queue<AddJob, number>) {
  const body = {
    type: 'object',
    required: ['x', 'y'],
    additionalProperties: false,
    properties: { x: { type: 'integer' }, y: { type: 'integer' } },
  };
  app.post<{ Body: AddJob }>('/add', { schema: { body } }, async (request, reply) => {
    const job = await queue.add('add', request.body);
    return reply.code(202).send({ taskId: job.id });
  });
}
