// Cutting a lockfile down to some workspace packages: npm's lookup, its flags, and refusals that name the problem.
// (That npm accepts the result is proved by installing it: test/content/example-downloads.test.ts.)
import { describe, expect, it } from 'vitest';
import { subsetLockfile, type Lockfile } from '../../src/lib/content/lockfile-subset.ts';

const source: Lockfile = {
  lockfileVersion: 3,
  packages: {
    '': { name: 'site', workspaces: ['pkgs/*'] },
    'pkgs/app': {
      name: 'app',
      version: '0.0.0',
      dependencies: { lib: '1.0.0', web: '2.0.0' },
      devDependencies: { tester: '1.0.0' },
    },
    'pkgs/lib': { name: 'lib', version: '1.0.0', dependencies: { web: '1.0.0' } },
    'pkgs/other': { name: 'other', version: '0.0.0', dependencies: { big: '1.0.0' } },
    'node_modules/app': { resolved: 'pkgs/app', link: true },
    'node_modules/lib': { resolved: 'pkgs/lib', link: true },
    'node_modules/other': { resolved: 'pkgs/other', link: true },
    'node_modules/web': {
      version: '2.0.0',
      dependencies: { util: '1.0.0' },
      optionalDependencies: { 'web-darwin': '2.0.0', 'web-win': '2.0.0' },
      peerDependencies: { plugin: '*', extra: '*' },
      peerDependenciesMeta: { extra: { optional: true } },
    },
    'node_modules/web-darwin': { version: '2.0.0', os: ['darwin'], optional: true },
    'node_modules/plugin': { version: '1.0.0' },
    'node_modules/extra': { version: '1.0.0' },
    'pkgs/lib/node_modules/web': { version: '1.0.0' },
    'node_modules/util': { version: '1.0.0', dev: true },
    'node_modules/tester': { version: '1.0.0', dependencies: { util: '1.0.0' }, dev: true },
    'node_modules/big': { version: '1.0.0' },
  },
};

const manifest = (path: string) => source.packages[path] as { name: string };

describe('subsetLockfile', () => {
  const lock = subsetLockfile(source, {
    root: { manifest: { name: 'zip', workspaces: ['app', 'lib'] }, from: '' },
    members: [
      { manifest: manifest('pkgs/app'), from: 'pkgs/app', to: 'app' },
      { manifest: manifest('pkgs/lib'), from: 'pkgs/lib', to: 'lib' },
    ],
  });

  it('keeps what the kept packages install, where npm would look for it, and nothing else', () => {
    expect(Object.keys(lock.packages)).toEqual([
      '',
      'app',
      'lib',
      'lib/node_modules/web',
      'node_modules/app',
      'node_modules/lib',
      'node_modules/plugin',
      'node_modules/tester',
      'node_modules/util',
      'node_modules/web',
      'node_modules/web-darwin',
    ]);
    expect(lock.packages['node_modules/app']).toEqual({ resolved: 'app', link: true });
    expect(lock.packages['lib/node_modules/web']?.version).toBe('1.0.0');
    expect(lock.packages['']).toEqual({ name: 'zip', workspaces: ['app', 'lib'] });
  });

  it("works out npm's flags again for the smaller tree", () => {
    expect(lock.packages['node_modules/tester']?.dev).toBe(true);
    expect(lock.packages['node_modules/util']?.dev).toBeUndefined(); // web needs it now, not only the tester
    expect(lock.packages['node_modules/web-darwin']).toMatchObject({ optional: true, os: ['darwin'] });
    expect(lock.packages['node_modules/plugin']?.peer).toBe(true);
  });

  it('refuses a package whose workspace dependency is not kept', () => {
    expect(() =>
      subsetLockfile(source, {
        root: { manifest: { name: 'zip' }, from: '' },
        members: [{ manifest: manifest('pkgs/app'), from: 'pkgs/app', to: 'app' }],
      }),
    ).toThrow('lib (needed by pkgs/app) links to pkgs/lib, which is not kept.');
  });

  it('refuses a dependency the lockfile does not have', () => {
    expect(() =>
      subsetLockfile(source, {
        root: { manifest: { name: 'zip' }, from: '' },
        members: [{ manifest: { name: 'x', dependencies: { missing: '1' } }, from: 'pkgs/x', to: 'x' }],
      }),
    ).toThrow('The lockfile has no entry for missing, a dependency of pkgs/x.');
  });
});
