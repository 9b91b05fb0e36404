// Gives every request its own `request.backgroundTasks`, and runs them once the response has been sent.
import type { FastifyInstance } from 'fastify';
import { BackgroundTasks } from './background-tasks.ts';

declare module 'fastify' {
  interface FastifyRequest {
    backgroundTasks: BackgroundTasks;
  }
}

export function useBackgroundTasks(app: FastifyInstance) {
  app.decorateRequest('backgroundTasks', null as unknown as BackgroundTasks);

  app.addHook('onRequest', async (request) => {
    request.backgroundTasks = new BackgroundTasks();
  });

  // onResponse runs after the last byte of the reply went out: the client is not kept waiting.
  app.addHook('onResponse', async (request) => {
    await request.backgroundTasks.runAll((error, taskName) => {
      request.log.error({ err: error, task: taskName }, `background task ${taskName} failed: ${error.message}`);
    });
  });
}
