import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PACKAGE = new URL('../..', import.meta.url).pathname;
const TESTS = new URL('.', import.meta.url).pathname;

/** The TypeScript blocks of the README, as written. */
function snippets(): string[] {
  const readme = readFileSync(join(PACKAGE, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

/**
 * The kit's own test files, type-checked by `tsc -b` and run by vitest. Only the kit's: its README
 * must hold whatever plugins the repository ships, the example ones deleted included.
 */
function testFiles(): string[] {
  const dir = TESTS;
  return readdirSync(dir)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}

/** An excerpt is shown dedented (the README's formatter strips its indentation): compare without it. */
function unindented(code: string): string {
  return code
    .split('\n')
    .map((line) => line.trimStart())
    .join('\n');
}

describe('the README', () => {
  it('shows the kit’s readme-example test, whole, as its complete example', () => {
    const example = readFileSync(join(TESTS, 'readme-example.test.ts'), 'utf8');

    expect(snippets()[0]).toBe(example);
  });

  it('shows only code that is part of a test file, so every snippet compiles and runs', () => {
    const files = testFiles().map(unindented);

    const orphans = snippets().filter((snippet) => !files.some((file) => file.includes(unindented(snippet))));

    expect(orphans).toEqual([]);
  });
});
