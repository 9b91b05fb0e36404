// Builds the Fastify app: submit a task, ask for its status (pull), follow it (push) or cancel it; GET / is a page
// that does all of it from a browser.
// The caller owns the queue and the QueueEvents and closes them after the app.
import type { Connection } from '@async-lab/memory-redis';
import type { Queue, QueueEvents } from 'bullmq';
import Fastify from 'fastify';
import type { AddJob } from './add-queue.ts';
import { cancelRequests } from './cancel-requests.ts';
import { addRoute } from './routes/add.ts';
import { cancelTaskRoute } from './routes/cancel-task.ts';
import { progressPageRoute } from './routes/progress-page.ts';
import { taskEventsRoute } from './routes/task-events.ts';
import { taskStatusRoute } from './routes/task-status.ts';

export function buildApp(queue: Queue<AddJob, number>, queueEvents: QueueEvents) {
  const app = Fastify();
  addRoute(app, queue);
  taskStatusRoute(app, queue);
  taskEventsRoute(app, queue, queueEvents);
  // Cancel requests travel on the queue's own event stream, over the connection the queue was given.
  const cancels = cancelRequests(queue.name, queue.opts.connection as Connection);
  app.addHook('onClose', () => cancels.close());
  cancelTaskRoute(app, queue, cancels.request);
  progressPageRoute(app);
  return app;
}
