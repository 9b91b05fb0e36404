// Builds the Fastify app: submit a task, ask for its status (pull), or follow it (push); GET / is a page that does
// all three from a browser.
// The caller owns the queue and the QueueEvents and closes them after the app.
import type { Queue, QueueEvents } from 'bullmq';
import Fastify from 'fastify';
import type { AddJob } from './add-queue.ts';
import { addRoute } from './routes/add.ts';
import { progressPageRoute } from './routes/progress-page.ts';
import { taskEventsRoute } from './routes/task-events.ts';
import { taskStatusRoute } from './routes/task-status.ts';

export function buildApp(queue: Queue<AddJob, number>, queueEvents: QueueEvents) {
  const app = Fastify();
  addRoute(app, queue);
  taskStatusRoute(app, queue);
  taskEventsRoute(app, queue, queueEvents);
  progressPageRoute(app);
  return app;
}
