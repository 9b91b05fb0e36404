// Preloaded with `node --import` by the site's runners and the output recorder: traces BullMQ for the
// queue panel when ASYNC_LAB_TRACE=1, and does nothing at all otherwise (learners' terminals stay clean).
if (process.env.ASYNC_LAB_TRACE === '1') {
  const { installQueueTrace } = await import('./queue-trace.ts');
  installQueueTrace();
}
