// How a given Node runs the examples' .ts files. The site asks WebContainers for Node 22.22 (the snapshot's root
// package.json and .nvmrc), which strips types by itself; but their default has long been Node 20, and a
// request can go unheard, so every Node from 20.6 on is handled.

export type TypeScriptSupport =
  /** Node strips types by default (22.18+, 23.6+). */
  | { kind: 'native'; nodeOptions: '' }
  /** Node can strip types behind a flag (22.6–22.17, 23.0–23.5). */
  | { kind: 'flag'; nodeOptions: string }
  /** Node cannot: mount the strip-types snapshot and preload its module hook (20.6+, which has module.register). */
  | { kind: 'loader'; nodeOptions: string }
  /** Older than 20.6: no module hooks either. */
  | { kind: 'unsupported' };

/** The Node the snapshot asks WebContainers for (package.json engines, .nvmrc): it strips types by itself. */
export const REQUESTED_NODE_VERSION = '22.22.0';

/** The hook package in the strip-types snapshot (src/integrations/webcontainer-snapshot/strip-types/). */
export const STRIP_TYPES_REGISTER = '@async-lab/strip-types/register';

export function typeScriptSupport(nodeVersion: string): TypeScriptSupport {
  const [major = 0, minor = 0] = (/v?(\d+)\.(\d+)/.exec(nodeVersion) ?? []).slice(1).map(Number);
  if (major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18)) {
    return { kind: 'native', nodeOptions: '' };
  }
  if (major >= 23 || (major === 22 && minor >= 6)) {
    // The flag makes Node print an ExperimentalWarning on every run; the reader did not ask for it.
    return { kind: 'flag', nodeOptions: '--experimental-strip-types --disable-warning=ExperimentalWarning' };
  }
  if (major >= 21 || (major === 20 && minor >= 6)) {
    return { kind: 'loader', nodeOptions: `--import ${STRIP_TYPES_REGISTER}` };
  }
  return { kind: 'unsupported' };
}
