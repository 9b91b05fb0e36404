// The engaged playground: wires the buttons, the editor, the run controller and the output panel together.
// Loaded by mount.ts on the reader's first Edit/Run/Check/Solution/Reset (or click in the code), which it is
// handed: a first Run or Check starts before the editor loads (editor-after-run.ts says why and when it follows).
import { createTranslator, readTranslations } from '../i18n/translate.ts';
import { markExercisePassed } from '../progress/progress-store.ts';
import type { RunRequest, Runner } from '../runtime/runner.ts';
import { describeNotice } from '../runtime/runtime-notices.ts';
import { withQueueTrace } from '../queue-view/trace-request.ts';
import { parseCheckOutput } from './check-results.ts';
import { runExitEvent, runStartEvent, traceEvent, type RunStartDetail } from './config.ts';
import { PlaygroundController } from './controller.ts';
import type { PlaygroundEditor } from './monaco-editor.ts';
import type { PlaygroundElements } from './mount.ts';
import { createOutputView } from './output-view.ts';
import { createPreviewPane } from './preview-pane.ts';
import { browserStorage, createEditStore } from './persistence.ts';
import { afterRuntimeAnswers } from './editor-after-run.ts';
import { describeExit, isBusy, type PlaygroundState } from './run-state.ts';
import { findRunError, readerPaths } from './run-error.ts';

export async function startPlayground(elements: PlaygroundElements, firstAction?: string): Promise<void> {
  const { root, config } = elements;
  const t = createTranslator(readTranslations(root));
  root.dataset.engaged = 'true';
  const paths = config.files.map((file) => file.path);
  const original = new Map(config.files.map((file) => [file.path, file.code]));
  const store = createEditStore(config.lesson, config.example, browserStorage());
  // The texts as the reader left them: the source of truth until the editor exists (a Run can come first).
  const texts = new Map(paths.map((path) => [path, store.load(path) ?? original.get(path)!]));
  const recordedHtml = elements.output.querySelector('pre')?.innerHTML ?? '';
  const recordedTitle = elements.outputTitle.textContent ?? '';

  // On iOS WebContainers start only once the reader asks; the answer holds for the rest of the visit.
  let allowIOS = sessionFlag(ALLOW_IOS_KEY);
  const loadRunner = async (): Promise<Runner> => {
    // The local runner under `astro dev`, WebContainers otherwise; `?runner=local|webcontainer` overrides.
    const { chooseRunner } = await import('../runtime/choose-runner.ts');
    return chooseRunner({ webcontainer: { allowIOS } });
  };
  const controller = new PlaygroundController({ loadRunner });
  // Paths in what a run prints are the reader's own (src/main.ts:3), whichever runner ran it.
  controller.output.rewrite = (text) => readerPaths(text, config.example);
  const outputView = createOutputView(elements.output, controller.output);
  const errorBox = root.querySelector<HTMLElement>('.pg-error')!;
  let editor: PlaygroundEditor | undefined;
  let editorLoading: Promise<void> | undefined;
  const openEditor = () => void (editorLoading ??= loadEditor());
  let focusWhenReady = false;

  const request = (command: string[]): RunRequest => ({
    example: config.example,
    files: Object.fromEntries(texts),
    command,
    timeoutMs: timeoutOverride() ?? config.timeoutMs,
  });
  const traced = (req: RunRequest): RunRequest => (root.querySelector('[data-queue-view]') ? withQueueTrace(req) : req);
  const actions: Record<string, () => void> = {
    edit() {
      if (editor) return editor.focus();
      focusWhenReady = true;
      openEditor();
    },
    // A playground with a queue panel beside it runs traced, so the panel can follow the jobs live.
    run: () => config.command && void controller.run(traced(request(config.command)), 'run'),
    check: () => config.checkCommand && void controller.run(request(config.checkCommand), 'check'),
    stop: () => void controller.stop(),
    reset() {
      store.clear(paths);
      for (const path of paths) setText(path, original.get(path)!);
      showNote(t('playground.reset-note'));
    },
    'allow-ios'() {
      const state = controller.state;
      allowIOS = true;
      sessionFlag(ALLOW_IOS_KEY, true);
      (state.phase === 'unavailable' && state.purpose === 'check' ? actions.check : actions.run)!();
    },
    solution() {
      for (const file of config.files) if (file.solution !== undefined) setText(file.path, file.solution);
      showNote(t('playground.solution-note'));
    },
  };
  const setText = (path: string, text: string) => {
    texts.set(path, text);
    // Saved here too: Solution or Reset can come before the editor exists.
    store.save(path, text, original.get(path)!);
    if (editor) editor.replace(path, text);
  };
  const showNote = (text: string) => {
    elements.note.textContent = text;
    elements.note.hidden = !text;
  };

  root.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    const action = target.closest<HTMLButtonElement>('button[data-action]')?.dataset.action;
    if (action && action in actions) actions[action]!();
    else if (target.closest('.pg-static')) openEditor(); // a click in the code while a first run starts
  });
  root.addEventListener('async-lab:action', (event) => actions[(event as CustomEvent<string>).detail]?.());
  root.addEventListener('keydown', (event) => {
    if (
      event.key === 'Enter' &&
      (event.ctrlKey || event.metaKey) &&
      !root.querySelector('.monaco-editor:focus-within')
    ) {
      event.preventDefault();
      (config.command ? actions.run : actions.check)!();
    }
  });

  const previewElement = root.querySelector<HTMLElement>('.pg-preview');
  const preview = config.preview && previewElement ? createPreviewPane(previewElement, config.preview, t) : undefined;

  controller.subscribe({
    state: (state) => renderState(state),
    serverReady: (port, url) => preview?.serverReady(port, url),
    output: () => outputView.schedule(),
    trace: (event) => root.dispatchEvent(new CustomEvent(traceEvent, { detail: { event } })),
    runStart(purpose, req) {
      elements.outputTitle.textContent = t('playground.output');
      elements.checks.hidden = true;
      elements.output.hidden = false;
      errorBox.hidden = true;
      showNote('');
      if (purpose === 'run') preview?.runStarted();
      const detail: RunStartDetail = { purpose, example: req.example, command: req.command };
      root.dispatchEvent(new CustomEvent(runStartEvent, { detail }));
    },
  });

  function renderState(state: PlaygroundState): void {
    const busy = isBusy(state);
    root.dataset.state = state.phase;
    elements.button('stop')!.disabled = !busy;
    elements.button('reset')!.disabled = false;
    elements.status.textContent = statusText(state);
    if (state.phase === 'booting') {
      showNote(''); // an earlier refusal or note no longer applies
    } else if (state.phase === 'exited') {
      root.dispatchEvent(new CustomEvent(runExitEvent, { detail: { exit: state.exit } }));
      if (state.purpose === 'run') preview?.runEnded();
      if (state.exit.notice) showNote(describeNotice(state.exit.notice, t));
      // The output may still be catching up (a flood is shown a frame at a time): the final count of lines
      // not kept, and the checks read from the output, come once it has.
      elements.output.dataset.settled = 'false';
      void outputView.settled().then(() => {
        if (controller.state !== state) return;
        elements.output.dataset.settled = 'true'; // every line is processed and shown (tests wait for it)
        elements.status.textContent = statusText(state);
        if (state.purpose === 'check') renderChecks(state.exit.code);
        else if (state.exit.code !== 0) renderError();
      });
    } else if (state.phase === 'unavailable') {
      // Say why in plain words, and keep showing what the code prints.
      if (state.override === 'allow-ios') {
        showNote(t('playground.ios-note') + ' ');
        const button = Object.assign(document.createElement('button'), {
          type: 'button',
          textContent: t('playground.run-anyway'),
        });
        button.dataset.action = 'allow-ios';
        elements.note.append(button);
      } else {
        showNote(describeNotice(state.notice, t));
      }
      // Where the code does run: the reader's own machine.
      if (config.runLocally) {
        const link = Object.assign(document.createElement('a'), {
          href: config.runLocally,
          textContent: t('playground.run-locally'),
        });
        elements.note.append(' ', link);
      }
      elements.output.querySelector('pre')!.innerHTML = recordedHtml;
      elements.outputTitle.textContent = recordedTitle;
    }
  }

  function statusText(state: PlaygroundState): string {
    switch (state.phase) {
      case 'recorded':
        return '';
      case 'booting': {
        const progress = describeNotice(state.notice, t);
        return state.fraction === undefined ? progress : `${progress} ${Math.round(state.fraction * 100)}%`;
      }
      case 'running':
        return t(state.purpose === 'check' ? 'playground.checking' : 'playground.running');
      case 'stopping':
        return t('playground.stopping');
      case 'exited': {
        const { dropped, maxLines } = controller.output;
        const cap = dropped
          ? ' · ' +
            t('playground.capped', { max: maxLines.toLocaleString('en'), dropped: dropped.toLocaleString('en') })
          : '';
        return describeExit(state.exit, t) + cap;
      }
      case 'unavailable':
        return t('playground.cannot-run');
    }
  }

  /** The error a run died of, first: message, where in the reader's file, that line; internal frames folded. */
  function renderError(): void {
    const error = findRunError(controller.output.text());
    if (!error) return;
    const head = document.createElement('p');
    head.append(
      t('playground.error-title'),
      ' ',
      Object.assign(document.createElement('strong'), { textContent: error.message }),
    );
    if (error.location)
      head.append(' — ', Object.assign(document.createElement('code'), { textContent: error.location }));
    const lines = [...error.source, ...error.frames.map((frame) => `    ${frame}`)];
    const parts: HTMLElement[] = [head];
    if (lines.length > 0) parts.push(Object.assign(document.createElement('pre'), { textContent: lines.join('\n') }));
    if (error.folded > 0) {
      parts.push(
        Object.assign(document.createElement('p'), {
          textContent: t('playground.error-folded', { count: error.folded }),
        }),
      );
    }
    errorBox.replaceChildren(...parts);
    errorBox.hidden = false;
  }

  function renderChecks(exitCode: number | null): void {
    const verdict = parseCheckOutput(controller.output.text(), exitCode);
    const items = verdict.checks.map((check) => {
      const item = document.createElement('li');
      item.dataset.passed = String(check.passed);
      item.textContent = `${t(check.passed ? 'playground.pass' : 'playground.fail')}: ${check.name}`;
      if (check.details) item.append(Object.assign(document.createElement('pre'), { textContent: check.details }));
      return item;
    });
    const summary = document.createElement('li');
    summary.className = 'pg-verdict';
    summary.dataset.passed = String(verdict.passed);
    summary.textContent = verdict.summary || t(verdict.passed ? 'playground.all-pass' : 'playground.not-passed');
    elements.checks.replaceChildren(...items, summary);
    elements.checks.hidden = false;
    // The list says all the checker printed, check by check: the raw output would say it twice.
    elements.output.hidden = verdict.checks.length > 0;
    elements.checks.dataset.passed = String(verdict.passed);
    // The course home counts it (src/lib/progress/progress-store.ts).
    if (verdict.passed) markExercisePassed(config.example);
  }

  // The reader's first click: a Run or Check starts now, and the editor follows once the runtime has answered;
  // anything else opens the editor at once.
  if (firstAction && firstAction in actions) actions[firstAction]!();
  void afterRuntimeAnswers(controller).then(openEditor);

  async function loadEditor(): Promise<void> {
    if (controller.state.phase === 'recorded') elements.status.textContent = t('playground.loading-editor');
    try {
      const { createEditor } = await import('./monaco-editor.ts');
      editor = createEditor({
        host: elements.editorHost,
        example: config.example,
        files: paths.map((path) => ({ path, text: texts.get(path)! })),
        base: config.base,
        editorLabel: (file) =>
          t(config.command ? 'playground.editor-label-run' : 'playground.editor-label-check', { file }),
        onChange(path, text) {
          texts.set(path, text);
          store.save(path, text, original.get(path)!);
        },
        onRun: () => (config.command ? actions.run : actions.check)!(),
      });
    } catch (error) {
      elements.status.textContent = '';
      showNote(t('playground.editor-failed', { error: (error as Error).message }));
      return;
    }
    if (controller.state.phase === 'recorded') elements.status.textContent = '';
    elements.editorHost.hidden = false;
    elements.panels.forEach((panel) => (panel.hidden = true));
    elements.button('reset')!.disabled = false;
    editor.show(paths[elements.activeTab()]!);
    elements.onTabChange((index) => editor!.show(paths[index]!));
    elements.currentCode = () => editor!.current();
    Object.assign(root, { playgroundEditor: editor }); // for tests and other panels: problems(), values()
    if (focusWhenReady) editor.focus();
  }
}

const ALLOW_IOS_KEY = 'async-lab:allow-ios';

/** Reads (or sets) a flag kept for this browser tab's visit; storage may be off (private mode). */
function sessionFlag(key: string, value?: true): boolean {
  try {
    if (value) sessionStorage.setItem(key, '1');
    return sessionStorage.getItem(key) === '1';
  } catch {
    return value ?? false;
  }
}

/** `?timeout=3000` (ms) shortens the run timeout, for trying the timeout out and for tests. */
function timeoutOverride(): number | undefined {
  const value = Number(new URLSearchParams(location.search).get('timeout'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
