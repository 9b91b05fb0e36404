// POST /analyses accepts work and answers at once; GET /analyses/:id reports on it.
import type { FastifyInstance } from 'fastify';
import type { Analyses } from '../jobs/analyses.ts';
import { MAX_UPLOAD_BYTES } from '../input/limits.ts';
import { readSubmission } from './read-submission.ts';

export function analysesRoutes(app: FastifyInstance, analyses: Analyses) {
  app.post('/analyses', { bodyLimit: MAX_UPLOAD_BYTES }, async (request, reply) => {
    const { email, rows } = await readSubmission(request);
    const id = await analyses.submit(email, rows);
    // 202 Accepted: the work is queued, not done. The Location tells the client where to look.
    return reply
      .code(202)
      .header('location', `/analyses/${id}`)
      .send({
        id,
        status: 'queued',
        rows: rows.length,
        links: { self: `/analyses/${id}`, events: `/analyses/${id}/events` },
      });
  });

  app.get<{ Params: { id: string } }>('/analyses/:id', async (request, reply) => {
    const view = await analyses.get(request.params.id);
    if (!view) return reply.code(404).send(notFound(request.params.id));
    return view;
  });
}

export function notFound(id: string) {
  return { error: 'Not Found', message: `No analysis with id "${id}". Use the id that POST /analyses returned.` };
}
