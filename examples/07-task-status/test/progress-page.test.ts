import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { progressPageRoute } from '../src/routes/progress-page.ts';

describe('GET / (the page that tries the API from a browser)', () => {
  it('is an HTML page with a progress bar and a Cancel button, and its script follows the task with EventSource', async () => {
    const app = Fastify();
    progressPageRoute(app);
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<progress id="bar" max="100" value="0"');
    expect(page.body).toContain('<script type="module" src="/progress.js"></script>');
    const script = await app.inject({ method: 'GET', url: '/progress.js' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain("fetch('/add'");
    expect(script.body).toContain('new EventSource(`/task-events/${id}`)');
    expect(script.body).toContain("events.addEventListener('progress'");
    await app.close();
  });
});
