// Picks the runner for this page: the local runner when the dev server put its endpoint on the page
// (`astro dev` only), WebContainers otherwise. `?runner=local` or `?runner=webcontainer` overrides the choice,
// for development and tests; an override that cannot work here fails at boot() with a plain message.
import { LocalRunner } from './local-runner.ts';
import { readLocalRunnerConfig, type LocalRunnerConfig } from './local-runner-protocol.ts';
import type { Runner, RunnerKind } from './runner.ts';
import { WebContainerRunner, type WebContainerRunnerOptions } from './webcontainer-runner.ts';

export const RUNNER_PARAM = 'runner';

export interface RunnerChoice {
  kind: RunnerKind;
  /** Why: asked for in the URL, the dev endpoint is here, or the default. */
  because: 'override' | 'dev-endpoint' | 'default';
}

export function chooseRunnerKind(context: {
  search: string;
  localRunner: LocalRunnerConfig | undefined;
}): RunnerChoice {
  const asked = new URLSearchParams(context.search).get(RUNNER_PARAM);
  if (asked === 'local' || asked === 'webcontainer') return { kind: asked, because: 'override' };
  if (context.localRunner) return { kind: 'local', because: 'dev-endpoint' };
  return { kind: 'webcontainer', because: 'default' };
}

export interface ChooseRunnerOptions {
  /** The page's query string (location.search by default). */
  search?: string;
  /** Where the dev integration's config is read from (globalThis by default). */
  scope?: object;
  /** Passed to the WebContainer runner, e.g. { allowIOS: true } after the reader asked to run anyway. */
  webcontainer?: WebContainerRunnerOptions;
}

export function chooseRunner(options: ChooseRunnerOptions = {}): Runner {
  const scope = options.scope ?? globalThis;
  const localRunner = readLocalRunnerConfig(scope);
  const search = options.search ?? (globalThis as { location?: Location }).location?.search ?? '';
  const { kind } = chooseRunnerKind({ search, localRunner });
  return kind === 'local' ? new LocalRunner({ config: localRunner }) : new WebContainerRunner(options.webcontainer);
}
