// Submit a task over HTTP, then follow it to the end over Server-Sent Events, printing each change.
import { readTaskEvents, type TaskEvent } from './read-task-events.ts';

export async function submitAndFollow(
  apiUrl: string,
  numbers: { x: number; y: number },
  onEvent: (event: TaskEvent) => void | Promise<void> = () => {},
): Promise<TaskEvent['data'] & { taskId: string }> {
  const response = await fetch(`${apiUrl}/add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(numbers),
  });
  const answer = await response.json();
  if (response.status !== 202) throw new Error(`POST /add answered ${response.status}: ${answer.message}`);
  console.log(`POST /add ${JSON.stringify(numbers)} → task ${answer.taskId}`);

  let last: TaskEvent['data'] = { status: 'unknown' };
  for await (const taskEvent of readTaskEvents(`${apiUrl}/task-events/${answer.taskId}`)) {
    console.log(`  task ${answer.taskId}: ${describe(taskEvent)}`);
    last = taskEvent.data;
    await onEvent(taskEvent);
  }
  if (last.status !== 'completed' && last.status !== 'failed') {
    console.log(`  task ${answer.taskId}: the stream ended early (server stopping?); ask GET /task-status later`);
  }
  return { taskId: answer.taskId, ...last }; // the stream ends after "completed" or "failed"
}

function describe({ event, data }: TaskEvent): string {
  if (event === 'progress') return `progress ${data.progress}%`;
  if (event === 'completed') return `completed, result ${data.result}`;
  if (event === 'failed') return `failed: ${data.failedReason}`;
  return event;
}
