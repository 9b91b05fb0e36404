// The 404 both task routes give for an id the queue does not know. Fastify turns it into
// { statusCode: 404, error: 'Not Found', message }.
export function taskNotFound(id: string): Error & { statusCode: number } {
  const message = `No task with id "${id}". Use the taskId that POST /add returned; finished tasks may have been removed.`;
  return Object.assign(new Error(message), { statusCode: 404 });
}
