// "Download" in the playground: one lesson as a folder that installs and runs by itself, built at build time.
// It is a small examples/: the lesson package and the local packages it needs side by side (the in-memory Redis,
// the exercise checker), a root package.json whose scripts run the lesson's (npm start, npm run check, each
// demo), the lockfile cut to them (the versions the repository's tests ran on), and tools/current-node.mjs, which
// gives the folder a current Node when the machine's is too old. test/content/example-downloads.test.ts unzips
// every one into an empty folder and runs npm install, npm start and npm run check there.
// The whole of examples/ as one zip is the "Run it on your machine" page's download (zipAllExamples, below).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { packageFiles } from './example-files.ts';
import { examplesRoot } from './example-source.ts';
import { subsetLockfile, type Lockfile, type Manifest } from './lockfile-subset.ts';

/** Fixed timestamp so the same sources always give the same zip bytes. */
const mtime = new Date('2026-01-01T00:00:00Z');
const SCOPE = '@async-lab/';
/** What only the repository's own tests use: vitest is not in a download. */
const TEST_ONLY = /^(test|testing|fixtures|scripts|outbox)\//;
const NODE_BOOTSTRAP = 'node tools/current-node.mjs';

interface PackageJson extends Manifest {
  description?: string;
  scripts?: Record<string, string>;
  exports?: Record<string, string>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const manifestOf = (folder: string) => readJson<PackageJson>(join(examplesRoot, folder, 'package.json'));

/** The examples' local packages by name: "@async-lab/memory-redis" → "memory-redis". */
function localFolders(): Map<string, string> {
  return new Map(packageFolders().map((folder) => [manifestOf(folder).name, folder] as const));
}

function packageFolders(): string[] {
  return readdirSync(examplesRoot).filter((name) => existsSync(join(examplesRoot, name, 'package.json')));
}

/** The local packages `example` needs, itself first: its dependencies of ours, and theirs (not their dev ones). */
function localPackages(example: string): string[] {
  const folders = localFolders();
  const needed = [example];
  for (let i = 0; i < needed.length; i++) {
    const manifest = manifestOf(needed[i]!);
    const deps = { ...manifest.dependencies, ...(i === 0 ? manifest.devDependencies : {}) };
    for (const name of Object.keys(deps)) {
      const folder = folders.get(name);
      if (name.startsWith(SCOPE) && folder && !needed.includes(folder)) needed.push(folder);
    }
  }
  return [needed[0]!, ...needed.slice(1).sort()];
}

/** The lesson keeps its scripts but `test` (that needs the repository's vitest setup). */
function lessonManifest(manifest: PackageJson): PackageJson {
  const scripts = { ...manifest.scripts };
  delete scripts.test;
  return { ...manifest, scripts };
}

/** A helper package is only what the lesson runs: its source, without scripts, dev dependencies or test exports. */
function helperManifest(manifest: PackageJson): PackageJson {
  const copy: PackageJson = { ...manifest };
  delete copy.scripts;
  delete copy.devDependencies;
  if (copy.exports) {
    copy.exports = Object.fromEntries(
      Object.entries(copy.exports).filter(([, target]) => !TEST_ONLY.test(target.replace(/^\.\//, ''))),
    );
  }
  return copy;
}

function rootManifest(example: string, lesson: PackageJson, members: string[]): PackageJson {
  const scripts: Record<string, string> = { postinstall: NODE_BOOTSTRAP };
  for (const name of Object.keys(lesson.scripts ?? {})) {
    if (name === 'start' || name === 'check') scripts[`pre${name}`] = NODE_BOOTSTRAP;
    scripts[name] = name === 'start' ? `npm start -w ${example} --` : `npm run ${name} -w ${example} --`;
  }
  return {
    name: `async-lab-${example}`,
    private: true,
    type: 'module',
    description: lesson.description,
    engines: { node: '>=22.12.0' },
    workspaces: members,
    scripts,
    // msgpackr-extract (a native speed-up of msgpackr, which BullMQ uses) ships prebuilt binaries; its install
    // script only compiles one when none fits, and msgpackr works without it. Saying so silences npm's warning.
    allowScripts: { 'msgpackr-extract': false },
  };
}

function readme(example: string, lesson: PackageJson): string {
  const demos = Object.keys(lesson.scripts ?? {}).filter((name) => !['start', 'check', 'test'].includes(name));
  const hasCheck = Boolean(lesson.scripts?.check);
  const lines = [
    `# Async Lab · ${example}`,
    '',
    lesson.description ?? '',
    '',
    '```sh',
    'npm install     # the versions the course was tested with (package-lock.json)',
    'npm start       # the lesson’s main example',
    ...(hasCheck ? [`npm run check   # checks your exercise: see ${example}/exercise/README.md`] : []),
    ...demos.map((name) => `npm run ${name}`),
    '```',
    '',
    `The code is in \`${example}/\`; \`memory-redis/\` and \`course-tools/\` are the course's own helpers.`,
    'Redis is in memory by default; `REDIS_URL=redis://127.0.0.1:6379 npm start` uses a real one.',
    'Node.js 22.12 or newer runs the `.ts` files itself. On an older Node, `npm install` fetches Node 24 from the',
    'npm registry into `.cache/node` for this folder only, and the npm scripts here use it (they say so).',
    '',
    '---',
    '',
    '```sh',
    'npm install     # 安装课程测试过的版本（package-lock.json）',
    'npm start       # 运行本课的主示例',
    ...(hasCheck ? [`npm run check   # 检查你的练习：见 ${example}/exercise/README.md`] : []),
    '```',
    '',
    `代码在 \`${example}/\` 中；\`memory-redis/\` 和 \`course-tools/\` 是课程自带的辅助包。默认使用内存版 Redis；`,
    '`REDIS_URL=redis://127.0.0.1:6379 npm start` 使用真正的 Redis。需要 Node.js 22.12 或更新版本；Node 较旧时，',
    '`npm install` 会从 npm registry 把 Node 24 下载到本目录的 `.cache/node`（只供本目录使用），npm 脚本会使用它并说明。',
    '',
  ];
  return lines.join('\n');
}

/** Every file of the download, by path inside the zip (under a folder named after the example). */
export function exampleDownload(example: string): Map<string, Uint8Array> {
  const encoder = new TextEncoder();
  const json = (value: unknown) => encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
  const members = localPackages(example);
  const lesson = lessonManifest(manifestOf(example));
  const files = new Map<string, Uint8Array>();
  const manifests = new Map<string, PackageJson>();

  for (const folder of members) {
    const isLesson = folder === example;
    const manifest = isLesson ? lesson : helperManifest(manifestOf(folder));
    manifests.set(folder, manifest);
    for (const file of packageFiles(folder)) {
      if (TEST_ONLY.test(file) || (!isLesson && !/^(src\/|README\.md$)/.test(file))) continue;
      if (file === 'package.json') continue;
      files.set(`${folder}/${file}`, readFileSync(join(examplesRoot, folder, file)));
    }
    files.set(`${folder}/package.json`, json(manifest));
  }

  const root = rootManifest(example, lesson, members);
  const examplesLock = readJson<Lockfile>(join(examplesRoot, 'package-lock.json'));
  const lock = subsetLockfile(examplesLock, {
    root: { manifest: root, from: '' },
    members: members.map((folder) => ({ manifest: manifests.get(folder)!, from: folder, to: folder })),
  });
  files.set('package.json', json(root));
  files.set('package-lock.json', json(lock));
  files.set('README.md', encoder.encode(readme(example, lesson)));
  files.set('tools/current-node.mjs', readFileSync(join(examplesRoot, 'tools', 'current-node.mjs')));
  files.set('.gitignore', encoder.encode('node_modules/\n.cache/\noutbox/\n'));

  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, data]) => [`${example}/${path}`, data]));
}

export function zipExample(example: string): Uint8Array<ArrayBuffer> {
  const zippable: Zippable = {};
  for (const [path, data] of exampleDownload(example)) zippable[path] = [data, { mtime }];
  return zipSync(zippable, { level: 6 }) as Uint8Array<ArrayBuffer>;
}

/** The folder the whole-examples download unpacks to. */
export const allExamplesFolder = 'async-lab-examples';

/** What a copy of examples/ leaves out: installed packages, caches, and mail the capstone wrote. */
const notInCopy = /(^|\/)(node_modules|\.cache|outbox|\.DS_Store)(\/|$)|\.log$/;

/**
 * The whole of examples/ as one zip (the "Run it on your machine" page): every package, the workspace's
 * package.json and lockfile, its tools and tests, as the repository has them, under async-lab-examples/.
 */
export function zipAllExamples(): Uint8Array<ArrayBuffer> {
  const files: Zippable = {};
  for (const file of filesUnder(examplesRoot)) {
    if (notInCopy.test(file)) continue;
    files[`${allExamplesFolder}/${file}`] = [readFileSync(join(examplesRoot, file)), { mtime }];
  }
  return zipSync(files, { level: 6 }) as Uint8Array<ArrayBuffer>;
}

function filesUnder(root: string, dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (notInCopy.test(path)) return [];
      return entry.isDirectory() ? filesUnder(root, path) : [path];
    });
}
