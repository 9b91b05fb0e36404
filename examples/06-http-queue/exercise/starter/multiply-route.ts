// Exercise: POST /multiply — validate {x, y}, enqueue a "multiply" job, answer 202 with its task id.
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
      // TODO 1: a JSON schema for the body: an object with the required numbers x and y
      // (any number, 1.5 is fine) and no other properties. Bad input then gets a 400, and Fastify
      // strips properties the schema does not allow, so they never reach the queue.
    },
    async (request, reply) => {
      // TODO 2: add a job named "multiply" with the body as its data to `queue`.
      // TODO 3: answer with status 202 and { taskId: <the job's id> }.
      return reply.code(200).send({ taskId: null, body: request.body });
    },
  );
}
