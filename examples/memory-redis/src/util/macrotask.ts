// Replies must arrive on a later macrotask (as from a socket), never a microtask, so event order
// matches a real server. setImmediate where it exists (Node, WebContainers), else a MessageChannel.
// Both are the real ones captured at load (see real-clock.ts), so fake timers cannot stall the server.
import { immediate, startTimer } from './real-clock.ts';

type Task = () => void;

export const scheduleMacrotask: (task: Task) => void = (() => {
  const setImmediate = immediate;
  if (setImmediate) return (task: Task) => void setImmediate(task);
  if (typeof MessageChannel === 'function') {
    const queue: Task[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => queue.shift()?.();
    return (task: Task) => {
      queue.push(task);
      channel.port2.postMessage(0);
    };
  }
  return (task: Task) => void startTimer(task, 0);
})();
