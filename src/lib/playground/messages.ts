// Everything the playground says, in the site's two languages. Buttons and labels are rendered at build time;
// the browser code gets the same dictionary in its config for status lines and notes.

export interface PlaygroundMessages {
  edit: string;
  run: string;
  check: string;
  stop: string;
  reset: string;
  solution: string;
  copy: string;
  copyCode: string;
  copied: string;
  copyFailed: string;
  copyOutput: string;
  download: string;
  /** "{example}" is replaced. */
  downloadLabel: string;
  files: string;
  output: string;
  recordedOutput: string;
  /** "{command}" is replaced. */
  outputOf: string;
  checkResults: string;
  helpEngage: string;
  helpTab: string;
  /** "{example}" is replaced. */
  playgroundLabel: string;
  /** "{file}" is replaced. */
  editorLabel: string;
  recordedRun: string;
  noRecording: string;
  loadingEditor: string;
  editorFailed: string;
  running: string;
  checking: string;
  stopping: string;
  exitCode: string;
  stopped: string;
  timedOut: string;
  crashed: string;
  /** "{max}" and "{dropped}" are replaced. */
  capped: string;
  cannotRun: string;
  /** Shown on iPhone and iPad instead of running; the runAnyway button follows it. */
  iosNote: string;
  runAnyway: string;
  resetNote: string;
  solutionNote: string;
  pass: string;
  fail: string;
  allPass: string;
  notPassed: string;
}

export const en: PlaygroundMessages = {
  edit: 'Edit',
  run: 'Run',
  check: 'Check',
  stop: 'Stop',
  reset: 'Reset',
  solution: 'Solution',
  copy: 'Copy',
  copyCode: 'Copy code',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  copyOutput: 'Copy output',
  download: 'Download',
  downloadLabel: 'Download the {example} example (zip)',
  files: 'Files',
  output: 'Output',
  recordedOutput: 'Recorded output',
  outputOf: 'Output of {command}',
  checkResults: 'Check results',
  helpEngage: 'Edit or Run to open the editor. Ctrl+Enter (⌘+Enter on a Mac) runs.',
  helpTab: 'In the editor, Tab indents: press Ctrl+M (⇧⌃M on a Mac) to make Tab move the focus instead.',
  playgroundLabel: 'Playground: {example}',
  editorLabel: 'Code editor: {file}. Ctrl+Enter runs. Ctrl+M toggles whether Tab moves focus.',
  recordedRun: 'Recorded run',
  noRecording: 'No recorded output yet.',
  loadingEditor: 'Loading the editor…',
  editorFailed: 'The editor could not load ({error}). Reload the page to try again.',
  running: 'Running…',
  checking: 'Checking…',
  stopping: 'Stopping…',
  exitCode: 'exit code',
  stopped: 'stopped',
  timedOut: 'timed out',
  crashed: 'crashed',
  capped: 'showing the last {max} lines ({dropped} earlier lines not kept)',
  cannotRun: 'Recorded output (the code could not run here)',
  iosNote:
    'WebContainers are unreliable on iPhone and iPad, so the code does not start here on its own. The recorded output below is what it prints. You can still try:',
  runAnyway: 'Run anyway',
  resetNote: 'Back to the example’s code. Ctrl+Z in the editor undoes the reset.',
  solutionNote: 'This is the reference solution. Reset goes back to the starter; Ctrl+Z undoes.',
  pass: 'Pass',
  fail: 'Fail',
  allPass: 'All checks pass.',
  notPassed: 'The checks did not pass.',
};

export const zh: PlaygroundMessages = {
  edit: '编辑',
  run: '运行',
  check: '检查',
  stop: '停止',
  reset: '重置',
  solution: '答案',
  copy: '复制',
  copyCode: '复制代码',
  copied: '已复制',
  copyFailed: '复制失败',
  copyOutput: '复制输出',
  download: '下载',
  downloadLabel: '下载示例 {example}（zip）',
  files: '文件',
  output: '输出',
  recordedOutput: '录制的输出',
  outputOf: '{command} 的输出',
  checkResults: '检查结果',
  helpEngage: '点“编辑”或“运行”打开编辑器。Ctrl+Enter（Mac 上 ⌘+Enter）运行。',
  helpTab: '在编辑器里 Tab 用来缩进：按 Ctrl+M（Mac 上 ⇧⌃M）切换为用 Tab 移动焦点。',
  playgroundLabel: '代码练习场：{example}',
  editorLabel: '代码编辑器：{file}。Ctrl+Enter 运行，Ctrl+M 切换 Tab 是否移动焦点。',
  recordedRun: '录制的运行',
  noRecording: '还没有录制的输出。',
  loadingEditor: '正在加载编辑器…',
  editorFailed: '编辑器加载失败（{error}）。请刷新页面重试。',
  running: '运行中…',
  checking: '检查中…',
  stopping: '正在停止…',
  exitCode: '退出码',
  stopped: '已停止',
  timedOut: '超时',
  crashed: '崩溃',
  capped: '只显示最后 {max} 行（前面 {dropped} 行未保留）',
  cannotRun: '录制的输出（代码无法在这里运行）',
  iosNote: 'WebContainers 在 iPhone 和 iPad 上不稳定，所以代码不会在这里自动运行。下面是录制的输出。你仍然可以试一试：',
  runAnyway: '仍然运行',
  resetNote: '已恢复示例代码。在编辑器里按 Ctrl+Z 可以撤销重置。',
  solutionNote: '这是参考答案。“重置”回到起始代码；Ctrl+Z 撤销。',
  pass: '通过',
  fail: '未通过',
  allPass: '全部检查通过。',
  notPassed: '检查没有通过。',
};

export function messagesFor(locale: string | undefined): PlaygroundMessages {
  return locale?.startsWith('zh') ? zh : en;
}

/** Fills "{name}" placeholders (this dictionary's format, until it moves to the site's i18n dictionaries). */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
