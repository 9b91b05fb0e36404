// A loop that never yields to the event loop: no timer, signal handler or promise runs again, so only Stop
// (ending the process from outside) ends it.
console.log('spinning');
setTimeout(() => {
  for (;;) {
    // busy
  }
}, 50); // after the line above has reached the output
