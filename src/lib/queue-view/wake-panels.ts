// Wakes the queue panels of one playground. It runs inside the playground's own up-front script (mount.ts), so a
// queue panel brings no script of its own to the page: the panel code loads on the first run, trace event or
// Replay click, and is handed whatever arrived meanwhile.
export function watchQueuePanels(playground: HTMLElement): void {
  for (const panel of playground.querySelectorAll<HTMLElement>('[data-queue-view]')) {
    const queued: Event[] = [];
    let forward: (event: Event) => void = (event) => void queued.push(event);
    let loading: Promise<void> | undefined;
    const take = (event: Event) => {
      forward(event);
      loading ??= import('./panel.ts').then((m) => {
        forward = m.attachQueueView(panel, playground, queued);
      });
    };
    for (const type of ['async-lab:run-start', 'async-lab:trace', 'async-lab:run-exit']) {
      playground.addEventListener(type, take);
    }
    panel.querySelector('[data-qv-replay]')?.addEventListener('click', take);
  }
}
