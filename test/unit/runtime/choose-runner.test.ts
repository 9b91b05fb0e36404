import { describe, expect, it } from 'vitest';
import { chooseRunner, chooseRunnerKind } from '../../../src/lib/runtime/choose-runner.ts';
import { LOCAL_RUNNER_GLOBAL } from '../../../src/lib/runtime/local-runner-protocol.ts';

const devPage = { [LOCAL_RUNNER_GLOBAL]: { endpoint: '/__async-lab/runner', token: 't' } };

describe('chooseRunnerKind', () => {
  it('uses the local runner when the dev server put its endpoint on the page', () => {
    expect(chooseRunnerKind({ search: '', localRunner: devPage[LOCAL_RUNNER_GLOBAL] })).toEqual({
      kind: 'local',
      because: 'dev-endpoint',
    });
  });

  it('uses WebContainers on the static site', () => {
    expect(chooseRunnerKind({ search: '', localRunner: undefined })).toEqual({
      kind: 'webcontainer',
      because: 'default',
    });
  });

  it('obeys ?runner= either way, and ignores values it does not know', () => {
    const local = devPage[LOCAL_RUNNER_GLOBAL];
    expect(chooseRunnerKind({ search: '?runner=webcontainer', localRunner: local }).kind).toBe('webcontainer');
    expect(chooseRunnerKind({ search: '?x=1&runner=local', localRunner: undefined })).toEqual({
      kind: 'local',
      because: 'override',
    });
    expect(chooseRunnerKind({ search: '?runner=python', localRunner: undefined }).kind).toBe('webcontainer');
  });
});

describe('chooseRunner', () => {
  it('builds the chosen runner, reading the dev config from the page', () => {
    expect(chooseRunner({ search: '', scope: devPage }).kind).toBe('local');
    expect(chooseRunner({ search: '', scope: {} }).kind).toBe('webcontainer');
    expect(chooseRunner({ search: '?runner=webcontainer', scope: devPage }).kind).toBe('webcontainer');
  });

  it('a forced local runner without the dev server fails at boot with a plain message', async () => {
    const runner = chooseRunner({ search: '?runner=local', scope: {} });
    expect(runner.kind).toBe('local');
    await expect(runner.boot()).rejects.toMatchObject({
      name: 'RunnerUnavailableError',
      notice: { code: 'local-only-in-dev', params: {} },
    });
  });
});
