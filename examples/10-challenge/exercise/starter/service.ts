// The final challenge: a statistics service. Its contract is in exercise/README.md; how you build it is yours.
// Everything you need was in the lessons: a Fastify API (2, 6), a queue and a worker (5), status and progress
// over Server-Sent Events (7), idempotent submissions (9), failing for good (5).
import type { Connection } from '@async-lab/memory-redis';
import Fastify, { type FastifyInstance } from 'fastify';

export interface StatsService {
  app: FastifyInstance;
  /** Stops everything the service started (workers, queues, the app), so the process can exit. */
  close(): Promise<void>;
}

export interface StatsResult {
  count: number;
  sum: number;
  mean: number;
}

export async function createService({ connection }: { connection: Connection }): Promise<StatsService> {
  void connection;
  const app = Fastify();
  // TODO: POST /stats, GET /stats/:id, GET /stats/:id/events, and a worker that computes the stats.
  return { app, close: () => app.close() };
}
