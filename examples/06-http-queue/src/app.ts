// Builds the Fastify app around a queue it is given; whoever starts the app owns the queue's lifecycle.
import type { Queue } from 'bullmq';
import Fastify from 'fastify';
import type { AddJob } from './add-queue.ts';
import { addRoute } from './routes/add.ts';

export function buildApp(queue: Queue<AddJob, number>) {
  const app = Fastify();
  addRoute(app, queue);
  return app;
}
