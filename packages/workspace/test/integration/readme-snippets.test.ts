import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/plugin-packages.js';

const run = promisify(execFile);

/**
 * Every ```ts block of the READMEs compiles (tsc, the repository's compiler options) and passes
 * `pnpm lint` (biome, the repository's config), so no README shows code a reader cannot use.
 *
 * The convention (README "READMEs and their snippets"):
 * - a block right after `<!-- snippet: partial -->` is a fragment (an object literal, a
 *   signature) and is left out;
 * - a block whose first line is a comment naming a `.ts` path (`// src/hooks/notification.ts`)
 *   is written to that path, so the blocks of one README can import each other
 *   (`import { notification } from './hooks/notification.js'`); any other block is a module of
 *   its own;
 * - `@biot-plugin/*` resolve to the workspace's packages (their `exports`), other packages to
 *   any workspace package's dependencies.
 */
const READMES = [
  'README.md',
  'infra/README.md',
  ...readdirSync(join(REPO_ROOT, 'packages'))
    .map((name) => `packages/${name}/README.md`)
    .filter((path) => existsSync(join(REPO_ROOT, path))),
];

interface Snippet {
  readonly readme: string;
  /** The line of the opening fence, for the failure message. */
  readonly line: number;
  readonly code: string;
  readonly partial: boolean;
}

function snippetsOf(readme: string): Snippet[] {
  const lines = readFileSync(join(REPO_ROOT, readme), 'utf8').split('\n');
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i] ?? '')) continue;
    const end = lines.findIndex((line, index) => index > i && /^```\s*$/.test(line));
    if (end === -1) throw new Error(`${readme}:${i + 1}: a \`\`\`ts block that is never closed`);
    const previous = lines
      .slice(0, i)
      .reverse()
      .find((line) => line.trim() !== '');
    snippets.push({
      readme,
      line: i + 1,
      code: `${lines.slice(i + 1, end).join('\n')}\n`,
      partial: /<!--\s*snippet:\s*partial\s*-->/.test(previous ?? ''),
    });
    i = end;
  }
  return snippets;
}

/** Where a snippet is written, under its README's own folder of the temporary project. */
function fileOf(snippet: Snippet): string {
  const named = /^\/\/\s*(\S+\.ts)\s*$/.exec(snippet.code.split('\n')[0] ?? '')?.[1];
  const folder = snippet.readme.replace(/\.md$/, '').replaceAll('/', '-');
  return join(folder, named ?? `snippet-at-line-${snippet.line}.ts`);
}

/** `@biot-plugin/x[/sub]` → the source file its package's `exports` name. */
function workspacePaths(fromDir: string): Record<string, string[]> {
  const packageDirs = [
    'infra',
    ...readdirSync(join(REPO_ROOT, 'packages')).map((name) => `packages/${name}`),
    ...readdirSync(join(REPO_ROOT, 'packages/plugins')).map((name) => `packages/plugins/${name}`),
  ].filter((dir) => existsSync(join(REPO_ROOT, dir, 'package.json')));
  const paths: Record<string, string[]> = {};
  for (const dir of packageDirs) {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8')) as {
      name: string;
      exports?: Record<string, string>;
    };
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.replace(/^\.\//, '')}`;
      paths[specifier] = [relative(fromDir, join(REPO_ROOT, dir, target))];
    }
  }
  // Third-party packages: the root's, then any workspace package's (pnpm keeps them per package).
  paths['*'] = ['.', ...packageDirs].map((dir) =>
    relative(fromDir, join(REPO_ROOT, dir, 'node_modules', '*')),
  );
  return paths;
}

const snippets = READMES.flatMap(snippetsOf);
const compiled = snippets.filter((snippet) => !snippet.partial);

describe('the TypeScript snippets of the READMEs', () => {
  // Inside the repository, so biome applies the repository's config and tsc its compiler options.
  const project = join(REPO_ROOT, `.readme-snippets-${process.pid}`);
  const files = new Map<string, Snippet>();
  let tsc: { code: number; output: string };
  let biome: { code: number; output: string };

  beforeAll(async () => {
    for (const snippet of compiled) {
      const file = fileOf(snippet);
      if (files.has(file)) throw new Error(`${snippet.readme}:${snippet.line}: a second block named ${file}`);
      files.set(file, snippet);
      mkdirSync(dirname(join(project, file)), { recursive: true });
      writeFileSync(join(project, file), snippet.code);
    }
    writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        extends: relative(project, join(REPO_ROOT, 'tsconfig.base.json')),
        compilerOptions: { composite: false, noEmit: true, paths: workspacePaths(project) },
        include: ['**/*.ts'],
      }),
    );
    const outcome = (promise: Promise<{ stdout: string; stderr: string }>) =>
      promise.then(
        ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({
          code: error.code,
          output: error.stdout + error.stderr,
        }),
      );
    [tsc, biome] = await Promise.all([
      outcome(run('pnpm', ['exec', 'tsc', '-p', join(project, 'tsconfig.json')], { cwd: REPO_ROOT })),
      // The folder is git-ignored (a run that is killed leaves it behind), so biome is told to look anyway.
      outcome(
        run(
          'pnpm',
          [
            'exec',
            'biome',
            'check',
            '--vcs-use-ignore-file=false',
            ...[...files.keys()].map((file) => join(project, file)),
          ],
          { cwd: REPO_ROOT },
        ),
      ),
    ]);
  }, 180_000);
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('are found in the READMEs', () => {
    expect(compiled.length).toBeGreaterThan(0);
  });

  it('compile with the repository’s compiler options', () => {
    expect(tsc.code, explain(tsc.output)).toBe(0);
  });

  it('pass pnpm lint', () => {
    expect(biome.code, explain(biome.output)).toBe(0);
  });

  /** The tool's output with each temporary file named after its README and line. */
  function explain(output: string): string {
    let text = output.replaceAll(`${project}/`, '');
    for (const [file, snippet] of files) {
      text = text.replaceAll(file, `${file} (${snippet.readme}, the block at line ${snippet.line})`);
    }
    return text;
  }
});
