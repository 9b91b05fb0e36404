// Switches the queue trace on when the environment asks for it (ASYNC_LAB_TRACE=1), and does nothing at all
// otherwise: it does not even load BullMQ, so learners' terminals stay clean. Imported first thing by
// @async-lab/memory-redis, the package every queue example opens Redis through, so a run is traced by its
// environment alone: the same command, with no --import, no NODE_OPTIONS and no loader hook, on any Node from 18
// on, in a WebContainer, in the site's local runner and in a terminal. Its top-level await holds back the
// program's own modules until BullMQ is instrumented.
if (process.env.ASYNC_LAB_TRACE === '1') {
  const { installQueueTrace } = await import('./queue-trace.ts');
  installQueueTrace();
}
