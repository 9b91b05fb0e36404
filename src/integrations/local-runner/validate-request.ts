// Checks a run request from the page before anything touches the disk: the example must exist, edited files
// must stay inside it, the command must be one the course uses, and the page may set only a few environment
// variables. A refusal is a notice (a code with parameters), worded by the page in the reader's language.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRequest } from '../../lib/runtime/runner.ts';
import { DEFAULT_TIMEOUT_MS } from '../../lib/runtime/local-runner-protocol.ts';
import { notice, type RuntimeNotice } from '../../lib/runtime/runtime-notices.ts';

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

export type Validation = { ok: true; request: ValidRunRequest } | { ok: false; notice: RuntimeNotice };

export function validateRunRequest(body: unknown, examplesDir: string): Validation {
  const fail = (refusal: RuntimeNotice): Validation => ({ ok: false, notice: refusal });
  /** A request the playground never sends: only which field was wrong is worth saying. */
  const malformed = (field: string) => fail(notice('local-bad-request', { field }));
  if (!body || typeof body !== 'object') return malformed('body');
  const { example, files = {}, command, env = {}, timeoutMs = DEFAULT_TIMEOUT_MS } = body as Partial<RunRequest>;

  if (typeof example !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(example)) return malformed('example');
  const exampleDir = join(examplesDir, example);
  if (!existsSync(exampleDir) || !statSync(exampleDir).isDirectory()) {
    return fail(notice('local-unknown-example', { example }));
  }

  if (!files || typeof files !== 'object' || Array.isArray(files)) return malformed('files');
  const entries = Object.entries(files);
  if (entries.length > MAX_FILES) return malformed('files');
  let totalBytes = 0;
  for (const [path, content] of entries) {
    if (typeof content !== 'string') return malformed('files');
    if (!isPlainRelativePath(path)) return fail(notice('local-bad-path', { path: path.slice(0, 300) }));
    totalBytes += Buffer.byteLength(content);
  }
  if (totalBytes > MAX_FILE_BYTES) return fail(notice('local-too-large', { max: MAX_FILE_BYTES / 1024 / 1024 }));

  if (!Array.isArray(command) || command.length === 0 || !command.every((arg) => typeof arg === 'string')) {
    return malformed('command');
  }
  if (!(ALLOWED_COMMANDS as readonly string[]).includes(command[0]!)) {
    return fail(
      notice('local-command-refused', { command: command[0]!.slice(0, 100), allowed: ALLOWED_COMMANDS.join(', ') }),
    );
  }

  if (!env || typeof env !== 'object' || Array.isArray(env)) return malformed('env');
  for (const [name, value] of Object.entries(env)) {
    if (!(ALLOWED_ENV as readonly string[]).includes(name)) {
      return fail(notice('local-env-refused', { name: name.slice(0, 100), allowed: ALLOWED_ENV.join(', ') }));
    }
    if (typeof value !== 'string') return malformed('env');
  }

  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs)) return malformed('timeoutMs');
  const clamped = Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, Math.round(timeoutMs)));

  return { ok: true, request: { example, files, command, env: env as Record<string, string>, timeoutMs: clamped } };
}

/** A relative path with "/" that stays inside the example and out of its dependencies. */
function isPlainRelativePath(path: string): boolean {
  if (path === '' || path.length > 300) return false;
  if (path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  const segments = path.split('/');
  return !segments.some((s) => s === '' || s === '.' || s === '..' || s === 'node_modules');
}
