// Checks a run request from the page before anything touches the disk: the example must exist, edited files
// must stay inside it, and the command must be one the course uses. Errors say what was wrong.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRequest } from '../../lib/runtime/runner.ts';
import { DEFAULT_TIMEOUT_MS } from '../../lib/runtime/local-runner-protocol.ts';

export const ALLOWED_COMMANDS = ['node', 'npm', 'npx'] as const;
/**
 * The environment a page may set: the queue view's trace switch, and which Redis the example uses (empty: the
 * in-memory one). Nothing that changes what runs (PATH, NODE_OPTIONS, LD_PRELOAD …) or the run's marker.
 */
export const ALLOWED_ENV = ['ASYNC_LAB_TRACE', 'REDIS_URL'] as const;
const MAX_FILES = 50;
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MIN_TIMEOUT_MS = 1_000;
const MAX_TIMEOUT_MS = 15 * 60_000;

export type ValidRunRequest = Required<Pick<RunRequest, 'example' | 'files' | 'command' | 'env' | 'timeoutMs'>>;

export type Validation = { ok: true; request: ValidRunRequest } | { ok: false; message: string };

export function validateRunRequest(body: unknown, examplesDir: string): Validation {
  const fail = (message: string): Validation => ({ ok: false, message });
  if (!body || typeof body !== 'object') return fail('The request body must be a JSON run request.');
  const { example, files = {}, command, env = {}, timeoutMs = DEFAULT_TIMEOUT_MS } = body as Partial<RunRequest>;

  if (typeof example !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(example)) {
    return fail('`example` must be the name of a folder in examples/, e.g. "05-queue-basics".');
  }
  const exampleDir = join(examplesDir, example);
  if (!existsSync(exampleDir) || !statSync(exampleDir).isDirectory()) {
    return fail(`There is no example "${example}" in examples/.`);
  }

  if (!files || typeof files !== 'object' || Array.isArray(files)) {
    return fail('`files` must map paths inside the example to their contents.');
  }
  const entries = Object.entries(files);
  if (entries.length > MAX_FILES) return fail(`At most ${MAX_FILES} edited files can be sent with one run.`);
  let totalBytes = 0;
  for (const [path, content] of entries) {
    if (typeof content !== 'string') return fail(`The contents of "${path}" must be text.`);
    const problem = pathProblem(path);
    if (problem) return fail(`Cannot write "${path}": ${problem}`);
    totalBytes += Buffer.byteLength(content);
  }
  if (totalBytes > MAX_FILE_BYTES) return fail('The edited files are larger than 2 MB together.');

  if (!Array.isArray(command) || command.length === 0 || !command.every((arg) => typeof arg === 'string')) {
    return fail('`command` must be a non-empty list of strings, e.g. ["node", "src/main.ts"].');
  }
  if (!(ALLOWED_COMMANDS as readonly string[]).includes(command[0]!)) {
    return fail(`The local runner starts only ${ALLOWED_COMMANDS.join(', ')}; got "${command[0]}".`);
  }

  if (!env || typeof env !== 'object' || Array.isArray(env)) return fail('`env` must map names to strings.');
  for (const [name, value] of Object.entries(env)) {
    if (!(ALLOWED_ENV as readonly string[]).includes(name)) {
      return fail(`The local runner sets only ${ALLOWED_ENV.join(', ')} from a page; got "${name}".`);
    }
    if (typeof value !== 'string') return fail(`The environment variable "${name}" needs a string value.`);
  }

  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs)) return fail('`timeoutMs` must be a number.');
  const clamped = Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, Math.round(timeoutMs)));

  return { ok: true, request: { example, files, command, env: env as Record<string, string>, timeoutMs: clamped } };
}

/** Why a path from the page may not be written, or undefined when it is a plain relative path. */
function pathProblem(path: string): string | undefined {
  if (path === '' || path.length > 300) return 'the path is empty or too long.';
  if (path.startsWith('/') || path.includes('\\') || path.includes('\0')) return 'use a relative path with "/".';
  const segments = path.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return 'the path must stay inside the example.';
  if (segments.includes('node_modules')) return 'dependencies cannot be edited.';
  return undefined;
}
