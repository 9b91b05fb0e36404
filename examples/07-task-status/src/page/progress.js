// The browser side of GET /: submit a task, follow it with EventSource until it ends, cancel it on request.
const form = document.querySelector('#submit');
const bar = document.querySelector('#bar');
const status = document.querySelector('#status');
const cancel = document.querySelector('#cancel');
let taskId;

const show = (text) => (status.textContent = `task ${taskId}: ${text}`);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await fetch('/add', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ x: Number(form.x.value), y: Number(form.y.value) }),
  });
  const answer = await response.json();
  if (response.status !== 202) return void (status.textContent = `Not queued: ${answer.message}`);
  taskId = answer.taskId;
  bar.value = 0;
  cancel.disabled = false;
  follow(taskId);
});

function follow(id) {
  const events = new EventSource(`/task-events/${id}`);
  // The server names its events (event: progress). A named event reaches addEventListener('progress', …)
  // only: onmessage sees just the frames without an event: line, and this server sends none.
  for (const state of ['waiting', 'delayed', 'prioritized', 'active']) {
    events.addEventListener(state, () => show(state));
  }
  events.addEventListener('progress', (e) => {
    bar.value = JSON.parse(e.data).progress;
    show(`${bar.value}% done`);
  });
  const end = (text) => {
    show(text);
    cancel.disabled = true;
    events.close(); // the task is over; an EventSource left open would reconnect, again and again
  };
  events.addEventListener('completed', (e) => end(`completed, result ${JSON.parse(e.data).result}`));
  events.addEventListener('failed', (e) => end(`failed: ${JSON.parse(e.data).failedReason}`));
  events.addEventListener('cancelled', () => end('cancelled before it started'));
  // A dropped connection is not the end: EventSource reconnects by itself and sends the id of the last event
  // it got (Last-Event-ID), so the server sends only what was missed.
  events.addEventListener('error', () => {
    if (events.readyState === EventSource.CONNECTING) show('connection lost, reconnecting…');
  });
}

cancel.addEventListener('click', async () => {
  cancel.disabled = true;
  const response = await fetch(`/tasks/${taskId}/cancel`, { method: 'POST' });
  if (response.status !== 202) show(`could not cancel: ${(await response.json()).message}`);
});
