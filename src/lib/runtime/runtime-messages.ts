// What the runners tell the reader (boot progress, why code cannot run, why a run ended), in the site's two
// languages. The runners take a dictionary (English by default) so the Chinese lessons get Chinese messages;
// "{name}" placeholders are filled by format(), which the playground's own messages use too.

export interface RuntimeMessages {
  disposed: string;
  // WebContainer runner
  starting: string;
  /** "{what}", "{received}" and "{total}" (MB) are replaced. */
  loadingOf: string;
  /** "{what}" and "{received}" (MB) are replaced. */
  loading: string;
  theExamples: string;
  /** "{version}" is replaced. */
  typeScriptSupport: string;
  unpacking: string;
  ready: string;
  noWebAssembly: string;
  notIsolated: string;
  iOS: string;
  /** "{seconds}" is replaced. */
  bootTimeout: string;
  /** "{error}" is replaced. */
  bootFailed: string;
  /** "{what}", "{url}" and "{error}" are replaced. */
  downloadFailed: string;
  /** "{what}", "{url}" and "{status}" are replaced. */
  downloadHttp: string;
  /** "{what}", "{url}" and "{seconds}" are replaced. */
  downloadStalled: string;
  /** "{version}" is replaced. */
  nodeTooOld: string;
  /** "{error}" is replaced. */
  spawnFailed: string;
  /** "{error}" is replaced. */
  processLost: string;
  /** "{error}" is replaced. */
  containerFailed: string;
  /** "{seconds}" is replaced. */
  timedOut: string;
  // local runner
  localOnlyInDev: string;
  localStarting: string;
  /** "{error}" is replaced. */
  localUnreachable: string;
  /** "{status}" is replaced. */
  localHttp: string;
  localClosedEarly: string;
  localLost: string;
}

export const en: RuntimeMessages = {
  disposed: 'This runner was disposed.',
  starting: 'Starting Node.js in your browser (WebContainers)…',
  loadingOf: 'Loading {what} ({received} of {total} MB)…',
  loading: 'Loading {what} ({received} MB)…',
  theExamples: 'the examples',
  typeScriptSupport: 'TypeScript support for Node {version}',
  unpacking: 'Unpacking the examples…',
  ready: 'Ready.',
  noWebAssembly:
    'This browser cannot run WebContainers (no WebAssembly). Use a recent Chrome, Edge, Firefox or Safari on a computer.',
  notIsolated:
    'This page is not cross-origin isolated, so WebContainers cannot start (they need SharedArrayBuffer). Open the site from its own address rather than embedded in another page.',
  iOS: 'WebContainers are unreliable on iPhone and iPad, so the code does not run here automatically. You can still ask to run it.',
  bootTimeout:
    "WebContainers did not start within {seconds} s: StackBlitz's servers may be unreachable from here (network, firewall or an extension blocking them).",
  bootFailed: 'WebContainers could not start: {error}',
  downloadFailed: 'Could not download {what} ({url}): {error}',
  downloadHttp:
    'Could not download {what} ({url}): HTTP {status}. The site may have been built without its snapshot (npm run build makes it).',
  downloadStalled:
    'Downloading {what} ({url}) stopped: nothing arrived for {seconds} s. Check your connection, then press Run again.',
  nodeTooOld: 'The in-browser Node is {version}, too old to run TypeScript (the examples need Node 20.6 or newer).',
  spawnFailed: 'The run could not start in the WebContainer: {error}',
  processLost: 'The WebContainer lost the process: {error}',
  containerFailed: 'The WebContainer failed: {error}. Reload the page to start it again.',
  timedOut:
    'Stopped after {seconds} s by the run timeout. Servers and workers run until stopped: press Stop once you have seen what you need.',
  localOnlyInDev:
    'The local runner exists only while the site runs under `npm run dev` on your machine; this page was not served by it.',
  localStarting: 'Using the Node.js on this machine (local runner).',
  localUnreachable: 'Could not reach the local runner (is `npm run dev` still running?): {error}',
  localHttp: 'The local runner answered HTTP {status}.',
  localClosedEarly: 'The local runner closed the connection before the run started.',
  localLost: 'The connection to the local runner was lost (did the dev server stop?).',
};

export const zh: RuntimeMessages = {
  disposed: '这个运行器已被释放。',
  starting: '正在浏览器里启动 Node.js（WebContainers）…',
  loadingOf: '正在加载{what}（{received} / {total} MB）…',
  loading: '正在加载{what}（{received} MB）…',
  theExamples: '示例',
  typeScriptSupport: ' Node {version} 的 TypeScript 支持',
  unpacking: '正在解包示例…',
  ready: '就绪。',
  noWebAssembly:
    '这个浏览器无法运行 WebContainers（不支持 WebAssembly）。请在电脑上使用较新的 Chrome、Edge、Firefox 或 Safari。',
  notIsolated:
    '这个页面没有跨源隔离，WebContainers 无法启动（它需要 SharedArrayBuffer）。请直接打开本站地址，而不是嵌在别的页面里。',
  iOS: 'WebContainers 在 iPhone 和 iPad 上不稳定，所以代码不会在这里自动运行。你仍然可以要求运行。',
  bootTimeout:
    'WebContainers 在 {seconds} 秒内没有启动：可能无法从这里访问 StackBlitz 的服务器（网络、防火墙或浏览器扩展拦截）。',
  bootFailed: 'WebContainers 无法启动：{error}',
  downloadFailed: '无法下载{what}（{url}）：{error}',
  downloadHttp: '无法下载{what}（{url}）：HTTP {status}。网站可能构建时没有生成快照（npm run build 会生成）。',
  downloadStalled: '下载{what}（{url}）中断了：{seconds} 秒内没有收到数据。请检查网络，然后再按一次“运行”。',
  nodeTooOld: '浏览器里的 Node 版本是 {version}，太旧，无法运行 TypeScript（示例需要 Node 20.6 或更新版本）。',
  spawnFailed: '无法在 WebContainer 里启动这次运行：{error}',
  processLost: 'WebContainer 丢失了这个进程：{error}',
  containerFailed: 'WebContainer 出错：{error}。请刷新页面重新启动。',
  timedOut: '运行超时，已在 {seconds} 秒后停止。服务器和 worker 会一直运行到被停止：看到需要的输出后请按“停止”。',
  localOnlyInDev: '本地运行器只在你用 `npm run dev` 在自己电脑上运行本站时存在；这个页面不是由它提供的。',
  localStarting: '使用本机的 Node.js（本地运行器）。',
  localUnreachable: '无法连接本地运行器（`npm run dev` 还在运行吗？）：{error}',
  localHttp: '本地运行器返回了 HTTP {status}。',
  localClosedEarly: '本地运行器在运行开始前关闭了连接。',
  localLost: '与本地运行器的连接断开了（开发服务器停了吗？）。',
};

export function runtimeMessagesFor(locale: string | undefined): RuntimeMessages {
  return locale?.startsWith('zh') ? zh : en;
}

/** Fills "{name}" placeholders. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
