import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthEnvironment } from '../support/synth.js';

// Asset hashes change with every code change and with the checkout's folder; the snapshot is about
// the infrastructure, so each 64-hex hash is masked.
const ASSET_HASH = /[0-9a-f]{64}/g;
expect.addSnapshotSerializer({
  test: (value: unknown) => typeof value === 'string' && /[0-9a-f]{64}/.test(value),
  serialize: (value: string, config, indentation, depth, refs, printer) =>
    printer(value.replace(ASSET_HASH, '[ASSET HASH]'), config, indentation, depth, refs),
});

// The function's version is named after a hash of its code and configuration (a new version each
// deploy): in a logical id, which is an object key the serializer above never sees.
const VERSION_HASH = /(CurrentVersion[0-9A-F]{8})[0-9a-f]{32}/g;
const withoutVersionHash = (template: unknown) =>
  JSON.parse(JSON.stringify(template).replace(VERSION_HASH, '$1[VERSION HASH]'));

// The fixture environments and plugins: one plugin without a schedule and one with, in a
// non-production environment with the fewest settings and a production one with all of them.
describe('synthesized template', () => {
  it.each([
    ['audit-trail', 'qa'],
    ['nightly-report', 'qa'],
    ['audit-trail', 'live'],
    ['nightly-report', 'live'],
  ])('of %s in %s matches the reviewed snapshot', (plugin, environment) => {
    const { stacks } = synthEnvironment(environment);
    const stack = stacks.find((candidate) => candidate.stackName === `${plugin}-${environment}`);

    expect(stack && withoutVersionHash(Template.fromStack(stack).toJSON())).toMatchSnapshot();
  });

  it('contains no absolute path of this checkout', () => {
    const { stacks } = synthEnvironment('live');

    for (const stack of stacks) {
      expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain(process.cwd());
    }
  });
});
