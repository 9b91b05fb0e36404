// Replies must arrive on a later macrotask (as from a socket), never a microtask, so event order
// matches a real server. setImmediate where it exists (Node, WebContainers), else a MessageChannel.

type Task = () => void;

export const scheduleMacrotask: (task: Task) => void = (() => {
  const g = globalThis as { setImmediate?: (cb: Task) => unknown };
  if (typeof g.setImmediate === 'function') return (task: Task) => void g.setImmediate!(task);
  if (typeof MessageChannel === 'function') {
    const queue: Task[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => queue.shift()?.();
    return (task: Task) => {
      queue.push(task);
      channel.port2.postMessage(0);
    };
  }
  return (task: Task) => void setTimeout(task, 0);
})();
