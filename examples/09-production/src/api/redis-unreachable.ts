// Tells "Redis cannot be reached right now" apart from every other error, by the errors ioredis gives a
// fail-fast connection (enableOfflineQueue: false, a small maxRetriesPerRequest) while Redis is down.
export function redisUnreachable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return (
    message.startsWith("Stream isn't writeable") || // sent while disconnected, with no offline queue
    message.startsWith('Reached the max retries per request limit') || // in flight when the connection broke
    message.startsWith('Connection is closed') // closed for good
  );
}
