import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES } from '../config/environments.js';
import { synthEnvironment } from './support/synth.js';

// Asset hashes change with every code change and with the checkout's folder; the snapshot is about
// the infrastructure, so each 64-hex hash is masked.
const ASSET_HASH = /[0-9a-f]{64}/g;
expect.addSnapshotSerializer({
  test: (value: unknown) => typeof value === 'string' && /[0-9a-f]{64}/.test(value),
  serialize: (value: string, config, indentation, depth, refs, printer) =>
    printer(value.replace(ASSET_HASH, '[ASSET HASH]'), config, indentation, depth, refs),
});

describe('synthesized template', () => {
  it.each(ENVIRONMENT_NAMES)('matches the reviewed snapshot for %s', (name) => {
    const { template } = synthEnvironment(name);

    expect(template.toJSON()).toMatchSnapshot();
  });

  it('contains no absolute path of this checkout', () => {
    const { template } = synthEnvironment('dev');

    expect(JSON.stringify(template.toJSON())).not.toContain(process.cwd());
  });
});
