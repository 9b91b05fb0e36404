// In what order does this print? Synchronous code first, then microtasks (promises), then timers.
let step = 0;
const log = (queue: string, what: string) => console.log(`${++step}. [${queue}] ${what}`);

setTimeout(() => log('timer    ', 'setTimeout(…, 0) callback'), 0);

Promise.resolve().then(() => log('microtask', 'promise .then() callback'));

async function task() {
  log('sync     ', 'async function runs until its first await');
  await null;
  log('microtask', 'async function resumes after await');
}
void task();

queueMicrotask(() => log('microtask', 'queueMicrotask() callback'));

log('sync     ', 'last line of the script');
