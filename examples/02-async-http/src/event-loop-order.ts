// Guess first: in what order do these five lines print? Then run it.
// Everything is scheduled from inside an I/O callback (reading this very file), where Node's order is fixed.
import { readFile } from 'node:fs';

readFile(new URL(import.meta.url), () => {
  setTimeout(() => console.log('A  setTimeout(…, 0)'), 0);
  setImmediate(() => console.log('B  setImmediate(…)'));
  Promise.resolve().then(() => console.log('C  promise.then(…)'));
  process.nextTick(() => console.log('D  process.nextTick(…)'));
  console.log('E  the rest of the callback (synchronous)');
});
