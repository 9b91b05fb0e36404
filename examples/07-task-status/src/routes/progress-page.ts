// GET / — the API from a browser: submit two numbers, then watch the task's progress arrive over Server-Sent
// Events (GET /task-events/:id) until it completes or fails. A browser reads the stream with EventSource.
import type { FastifyInstance } from 'fastify';

const page = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>add(x, y) in the background</title>
<style>body { font: 16px system-ui, sans-serif; margin: 1.5rem; } input { width: 5rem; } progress { width: 16rem; }</style>
<h1>add(x, y) in the background</h1>
<form>
  <label>x <input name="x" type="number" value="2"></label> +
  <label>y <input name="y" type="number" value="3"></label>
  <button>Add</button>
</form>
<p><progress max="100" value="0"></progress></p>
<p role="status">Submit a task (a sum over 1000 fails).</p>
<script type="module">
  const form = document.querySelector('form');
  const bar = document.querySelector('progress');
  const status = document.querySelector('[role=status]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch('/add', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ x: Number(form.x.value), y: Number(form.y.value) }),
    });
    const { taskId } = await response.json();
    bar.value = 0;
    const events = new EventSource('/task-events/' + taskId);
    const show = (message) => (status.textContent = 'task ' + taskId + ': ' + message);
    // The first event says where the task is now (it may already be under way); then one per change.
    for (const name of ['waiting', 'delayed', 'active', 'progress']) {
      events.addEventListener(name, (e) => {
        const { progress } = JSON.parse(e.data);
        if (typeof progress === 'number') bar.value = progress;
        show(name === 'progress' ? 'progress ' + progress + '%' : name);
      });
    }
    events.addEventListener('completed', (e) => {
      bar.value = 100;
      show('completed, result ' + JSON.parse(e.data).result);
      events.close(); // the server ended the stream; without this, EventSource would reconnect
    });
    events.addEventListener('failed', (e) => {
      show('failed: ' + JSON.parse(e.data).failedReason);
      events.close();
    });
  });
</script>
`;

export function progressPageRoute(app: FastifyInstance) {
  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
}
