// The only playground code a lesson page loads up front (kept tiny for the page budget): file tabs, Copy,
// and waiting for the reader to engage. Edit, Run, Check, Solution, Reset or a click in the code then load
// the rest (editor, runner) with one dynamic import.
import { createTranslator, readTranslations } from '../i18n/translate.ts';
import type { PlaygroundConfig } from './config.ts';
import { phoneQuery, runStartEvent } from './config.ts';
import { browserStorage, createEditStore } from './persistence.ts';
import { watchQueuePanels } from '../queue-view/wake-panels.ts';

export interface PlaygroundElements {
  root: HTMLElement;
  config: PlaygroundConfig;
  tabs: HTMLButtonElement[];
  panels: HTMLElement[];
  editorHost: HTMLElement;
  output: HTMLElement;
  outputTitle: HTMLElement;
  status: HTMLElement;
  note: HTMLElement;
  checks: HTMLElement;
  button(action: string): HTMLButtonElement | null;
  /** Index of the open tab. */
  activeTab(): number;
  selectTab(index: number): void;
  /** Reports tab changes (the editor switches its model). */
  onTabChange(listener: (index: number) => void): void;
  /** Set by the editor once open: the current text of the open file (for Copy). */
  currentCode?: () => string;
}

export function mountPlaygrounds(document: Document): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-playground]')) {
    if (root.dataset.mounted) continue;
    root.dataset.mounted = 'true';
    mountPlayground(root);
  }
}

function mountPlayground(root: HTMLElement): void {
  const elements = findElements(root);
  const { config } = elements;
  const isPhone = matchMedia(phoneQuery).matches;
  let engaged: Promise<void> | undefined;
  watchQueuePanels(root);
  // A "guess first" output (Playground's predict) unfolds once the reader runs the code.
  const reveal = () => root.querySelector('details[data-predict]')?.setAttribute('open', '');
  root.addEventListener(runStartEvent, reveal);

  const engage = (action?: string) => {
    if (isPhone) return;
    // The first action goes with the code, so a Run can start before the editor loads.
    if (!engaged) {
      engaged = import('./playground-app.ts').then(({ startPlayground }) => startPlayground(elements, action));
    } else if (action) {
      void engaged.then(() => root.dispatchEvent(new CustomEvent('async-lab:action', { detail: action })));
    }
  };

  root.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    const button = target.closest<HTMLButtonElement>('button[data-action]');
    if (button?.dataset.action === 'run') reveal();
    if (button?.dataset.action === 'copy') return void copyCode(elements);
    if (button?.dataset.action === 'copy-output') return void copyText(elements.output.innerText, button);
    if (button && !engagedOnce(root)) return engage(button.dataset.action);
    if (!engagedOnce(root) && target.closest('.pg-static')) engage();
  });
  // Ctrl/Cmd+Enter anywhere in the playground runs, before and after the editor exists.
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !engagedOnce(root)) {
      event.preventDefault();
      engage(config.command ? 'run' : 'check');
    }
  });
  setUpTabs(elements);

  // A returning reader's edits come back: open the editor straight away so they see their version.
  const store = createEditStore(config.lesson, config.example, browserStorage());
  if (!isPhone && store.hasEdits(config.files.map((f) => f.path))) engage();
}

/** True once playground-app has taken over the buttons (it marks the root). */
function engagedOnce(root: HTMLElement): boolean {
  return root.dataset.engaged === 'true';
}

function findElements(root: HTMLElement): PlaygroundElements {
  const config = JSON.parse(root.querySelector('script[data-config]')!.textContent!) as PlaygroundConfig;
  const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const panels = [...root.querySelectorAll<HTMLElement>('[role="tabpanel"]')];
  const tabListeners: ((index: number) => void)[] = [];
  const elements: PlaygroundElements = {
    root,
    config,
    tabs,
    panels,
    editorHost: root.querySelector('.pg-editor')!,
    output: root.querySelector('.pg-output')!,
    outputTitle: root.querySelector('.pg-output-title')!,
    status: root.querySelector('.pg-status')!,
    note: root.querySelector('.pg-note')!,
    checks: root.querySelector('.pg-checks')!,
    button: (action) => root.querySelector(`button[data-action="${action}"]`),
    activeTab: () =>
      Math.max(
        0,
        tabs.findIndex((tab) => tab.getAttribute('aria-selected') === 'true'),
      ),
    selectTab(index) {
      tabs.forEach((tab, i) => {
        tab.setAttribute('aria-selected', String(i === index));
        tab.tabIndex = i === index ? 0 : -1;
        if (!root.dataset.engaged) panels[i]!.hidden = i !== index;
      });
      tabListeners.forEach((listener) => listener(index));
    },
    onTabChange: (listener) => void tabListeners.push(listener),
  };
  return elements;
}

/** WAI-ARIA tabs: click or arrow keys move between files. */
function setUpTabs(elements: PlaygroundElements): void {
  const { tabs } = elements;
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => elements.selectTab(i));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      const next = (i + step + tabs.length) % tabs.length;
      elements.selectTab(next);
      tabs[next]!.focus();
    });
  });
}

function copyCode(elements: PlaygroundElements): void {
  const button = elements.button('copy')!;
  void copyText(elements.currentCode?.() ?? elements.config.files[elements.activeTab()]!.code, button);
}

async function copyText(text: string, button: HTMLButtonElement): Promise<void> {
  const label = button.textContent;
  const t = createTranslator(readTranslations(button.closest('[data-playground]')!));
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = t('playground.copied');
  } catch {
    button.textContent = t('playground.copy-failed');
  }
  setTimeout(() => (button.textContent = label), 1500);
}
