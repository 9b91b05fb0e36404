import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { progressPageRoute } from '../src/routes/progress-page.ts';

describe('GET / (the page that tries the API from a browser)', () => {
  it('is an HTML page that submits to POST /add and follows the task with EventSource', async () => {
    const app = Fastify();
    progressPageRoute(app);
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<progress max="100" value="0"></progress>');
    expect(response.body).toContain("fetch('/add'");
    expect(response.body).toContain("new EventSource('/task-events/' + taskId)");
    await app.close();
  });
});
