import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/plugin-packages.js';

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const json = <T>(path: string): T => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as T;
const referencesOf = (dir: string) =>
  (json<{ references?: { path: string }[] }>(`${dir}/tsconfig.json`).references ?? [])
    .map((reference) => normalize(join(dir, reference.path)))
    .sort();

/** Every workspace package with a tsconfig of its own (the plugins share packages/plugins/tsconfig.json). */
const PACKAGES = [
  'infra',
  ...readdirSync(join(REPO_ROOT, 'packages')).map((name) => `packages/${name}`),
].filter(
  (dir) =>
    existsSync(join(REPO_ROOT, dir, 'package.json')) && existsSync(join(REPO_ROOT, dir, 'tsconfig.json')),
);
const DIR_OF = new Map(PACKAGES.map((dir) => [json<Manifest>(`${dir}/package.json`).name, dir]));

describe('TypeScript project references', () => {
  it.each(PACKAGES)('%s references exactly the workspace packages it depends on', (dir) => {
    const manifest = json<Manifest>(`${dir}/package.json`);
    const dependsOn = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
      .flatMap((name) => DIR_OF.get(name) ?? [])
      .sort();

    expect(referencesOf(dir)).toEqual(dependsOn);
  });

  it('of packages/plugins (one project for every plugin) are the workspace packages the plugins depend on', () => {
    const plugins = readdirSync(join(REPO_ROOT, 'packages/plugins')).filter((name) =>
      existsSync(join(REPO_ROOT, 'packages/plugins', name, 'package.json')),
    );
    // With no plugin yet, the project still references what a new plugin uses (pnpm new-plugin).
    if (plugins.length === 0) return;
    const dependsOn = new Set(
      plugins.flatMap((name) => {
        const manifest = json<Manifest>(`packages/plugins/${name}/package.json`);
        return Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).flatMap(
          (dependency) => DIR_OF.get(dependency) ?? [],
        );
      }),
    );

    expect(referencesOf('packages/plugins')).toEqual([...dependsOn].sort());
  });

  it('list every package at the root, so `tsc -b` checks them all', () => {
    expect(referencesOf('.')).toEqual(expect.arrayContaining([...PACKAGES, 'packages/plugins']));
  });
});
