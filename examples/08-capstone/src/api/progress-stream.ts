// GET /analyses/:id/events: Server-Sent Events. The browser's EventSource (or `curl -N`) receives
//   event: snapshot  (the state right now)  → progress … → completed | failed → notified, then the stream ends.
import type { FastifyInstance } from 'fastify';
import type { AnalysisEvent, Analyses, AnalysisView } from '../jobs/analyses.ts';
import { notFound } from './analyses-routes.ts';

export function progressStream(app: FastifyInstance, analyses: Analyses) {
  app.get<{ Params: { id: string } }>('/analyses/:id/events', async (request, reply) => {
    const { id } = request.params;
    // Subscribe before reading the snapshot, so no event can fall between the two.
    const buffered: AnalysisEvent[] = [];
    let forward = (event: AnalysisEvent) => void buffered.push(event);
    const unsubscribe = analyses.watch(id, (event) => forward(event));

    const view = await analyses.get(id);
    if (!view) {
      unsubscribe();
      return reply.code(404).send(notFound(id));
    }

    reply.hijack(); // from here on we write the raw HTTP response ourselves
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    // A comment line now and then keeps proxies from closing a quiet stream.
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    let open = true;
    const finish = () => {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      unsubscribe();
      res.end();
    };
    res.on('close', finish); // the client went away (or we ended the stream)

    send('snapshot', snapshotOf(view));
    if (view.notification !== 'pending') return finish();

    forward = (event) => {
      if (!open) return;
      const { type, ...data } = event;
      send(type, data);
      if (type === 'notified') finish();
    };
    // Events that arrived while the snapshot was read; progress the snapshot already shows is dropped.
    buffered.filter((event) => event.type !== 'progress' || event.progress.done > view.progress.done).forEach(forward);
  });
}

/** The snapshot leaves out the per-row results, which can be long; GET /analyses/:id has them. */
function snapshotOf(view: AnalysisView) {
  const { result, ...rest } = view;
  return result ? { ...rest, summary: result.summary } : rest;
}
