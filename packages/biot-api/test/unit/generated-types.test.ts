import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generatedTypes } from '../../src/generate/generated-types.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

describe('the generated types', () => {
  it("are what openapi-typescript makes of the project's copy of BioT's files (else: pnpm biot-api generate)", async () => {
    const stale: string[] = [];
    for (const file of await generatedTypes(packageDir)) {
      const committed = await readFile(file.path, 'utf8').catch(() => undefined);
      if (committed !== file.text) stale.push(relative(packageDir, file.path));
    }

    expect(stale).toEqual([]);
  }, 60_000);
});
