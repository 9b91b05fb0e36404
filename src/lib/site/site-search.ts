// The site search's behaviour (Starlight's, see src/components/starlight/Search.astro): the button, Ctrl/Cmd+K
// and "/" open the dialog; Pagefind's UI is imported the first time it is needed (opening search, or pointing at
// or focusing the button, which usually gives it a head start), so pages do not load it up front.
export function openSiteSearch(root: HTMLElement): void {
  const openButton = root.querySelector<HTMLButtonElement>('button[data-open-modal]')!;
  const closeButton = root.querySelector<HTMLButtonElement>('button[data-close-modal]')!;
  const dialog = root.querySelector('dialog')!;
  const frame = root.querySelector('.dialog-frame')!;
  let ui: Promise<void> | undefined;

  const loadUI = (): Promise<void> => {
    if (import.meta.env.DEV || !root.querySelector('#starlight__search')) return Promise.resolve();
    ui ??= import('@pagefind/default-ui').then(({ PagefindUI }) => {
      let translations = {};
      try {
        translations = JSON.parse(root.dataset.translations || '{}');
      } catch {
        // Pagefind's own English then.
      }
      const base = import.meta.env.BASE_URL;
      new PagefindUI({
        element: '#starlight__search',
        baseUrl: base,
        bundlePath: base.replace(/\/$/, '') + '/pagefind/',
        showImages: false,
        translations,
        showSubResults: true,
      });
    });
    return ui;
  };

  /** Close when the reader follows a result or clicks outside the dialog's frame. */
  const onClick = (event: MouseEvent) => {
    const target = event.target as Node | null;
    const isLink = !!target && 'href' in target;
    if (isLink || (target && document.body.contains(target) && !frame.contains(target))) closeModal();
  };
  const openModal = (event?: Event) => {
    dialog.showModal();
    document.body.toggleAttribute('data-search-modal-open', true);
    const focusInput = () => dialog.open && root.querySelector('input')?.focus();
    focusInput();
    void loadUI().then(focusInput);
    event?.stopPropagation();
    window.addEventListener('click', onClick);
  };
  const closeModal = () => dialog.close();

  openButton.addEventListener('click', openModal);
  openButton.addEventListener('pointerenter', () => void loadUI(), { once: true });
  openButton.addEventListener('focus', () => void loadUI(), { once: true });
  openButton.disabled = false;
  closeButton.addEventListener('click', closeModal);
  dialog.addEventListener('close', () => {
    document.body.toggleAttribute('data-search-modal-open', false);
    window.removeEventListener('click', onClick);
  });

  window.addEventListener('keydown', (event) => {
    if ((event.metaKey || event.ctrlKey) && event.key === 'k') {
      event.preventDefault();
      if (dialog.open) closeModal();
      else openModal();
    } else if (event.key === '/' && !dialog.open && !isTyping(event.target)) {
      event.preventDefault();
      openModal();
    }
  });
}

/** "/" is a character when the reader is typing: in a field, or in the playground's editor. */
function isTyping(target: EventTarget | null): boolean {
  const element = target instanceof Element ? target : null;
  return !!element?.closest(
    'input, textarea, select, [contenteditable]:not([contenteditable="false"]), .monaco-editor',
  );
}
