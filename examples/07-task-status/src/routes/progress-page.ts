// GET / — the API from a browser: a page that submits two numbers, shows the task's progress as it arrives over
// Server-Sent Events (GET /task-events/:id, read with EventSource) and can cancel it (POST /tasks/:id/cancel).
// The page and its script are plain files in src/page/.
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';

const file = (name: string) => readFile(new URL(`../page/${name}`, import.meta.url), 'utf8');

export function progressPageRoute(app: FastifyInstance) {
  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(await file('index.html')));
  app.get('/progress.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(await file('progress.js')),
  );
}
