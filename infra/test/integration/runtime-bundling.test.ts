import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFiles, bundlePlugin, createRequireBanner } from '@biot-plugin/workspace';
import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { lambdaRuntimeForTarget } from '../../lib/construct/runtime-bundling.js';
import { AUDIT_TRAIL } from '../support/fixtures.js';
import { synthStack } from '../support/synth.js';

describe("the Lambda's runtime", () => {
  it('matches the esbuild target', () => {
    expect(lambdaRuntimeForTarget('node22').name).toBe('nodejs22.x');
    expect(() => lambdaRuntimeForTarget('node8')).toThrow(/No Lambda runtime for esbuild target "node8"/);
  });
});

describe('the deployed bundle', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'biot-plugin-cdk-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("is byte for byte the bundle pnpm build makes of the plugin's handler", async () => {
    const { stack, template } = synthStack('audit-trail', 'qa', { bundle: true, outdir });
    const assetDir = join(
      outdir,
      assetPathOf(template, stack.getLogicalId(stack.plugin.function.node.defaultChild as CfnElement)) ??
        'missing',
    );
    const deployed = readFileSync(join(assetDir, 'index.mjs'), 'utf8');

    // What `pnpm build` runs for a plugin (@biot-plugin/workspace's buildPluginBundle).
    const built = join(outdir, 'pnpm-build', 'index.mjs');
    await bundlePlugin(AUDIT_TRAIL.handlerFile, built);

    const files = await bundleFiles(assetDir);
    expect(files.slice(0, 2)).toEqual(['index.mjs', 'index.mjs.map']);
    expect(files).toContainEqual(expect.stringMatching(/^chunks\/.+\.mjs$/));
    expect(readdirSync(assetDir).sort()).toEqual(['chunks', 'index.mjs', 'index.mjs.map']);
    expect(await bundleFiles(join(outdir, 'pnpm-build'))).toEqual(files);
    expect(deployed.startsWith(createRequireBanner)).toBe(true);
    for (const file of files) {
      expect(readFileSync(join(assetDir, file), 'utf8'), file).toBe(
        readFileSync(join(outdir, 'pnpm-build', file), 'utf8'),
      );
    }
  });

  it("loads node:http(s) by require, never as ESM (Node 22's ESM facade of node:http loads undici)", async () => {
    const { stack, template } = synthStack('audit-trail', 'qa', {
      bundle: true,
      outdir: join(outdir, 'http'),
    });
    const assetDir = join(
      outdir,
      'http',
      assetPathOf(template, stack.getLogicalId(stack.plugin.function.node.defaultChild as CfnElement)) ??
        'missing',
    );
    const code = (await bundleFiles(assetDir))
      .filter((file) => file.endsWith('.mjs'))
      .map((file) => readFileSync(join(assetDir, file), 'utf8'))
      .join('\n');

    expect(code).not.toMatch(/from\s*"node:https?"/);
    // esbuild calls the banner's `require` through its own (minified) __require.
    expect(code).toMatch(/[\w$]+\("node:http"\)/);
  });

  it('ships a source map of positions only, with no copy of the sources', () => {
    const map = JSON.parse(readFileSync(join(outdir, 'pnpm-build', 'index.mjs.map'), 'utf8')) as {
      sources: string[];
      sourcesContent?: unknown;
    };
    expect(map.sources.some((source) => source.includes('packages/runtime/src/'))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
  });

  it('of the registration Lambda is built with the same options and leaves the AWS SDK to Lambda', () => {
    const { stack, template } = synthStack('audit-trail', 'qa', {
      bundle: true,
      outdir: join(outdir, 'subscriptions'),
    });
    const assetDir = assetPathOf(
      template,
      stack.getLogicalId(stack.subscriptions.handler.node.defaultChild as CfnElement),
    );
    const bundled = readFileSync(join(outdir, 'subscriptions', assetDir ?? 'missing', 'index.mjs'), 'utf8');

    expect(bundled.startsWith(createRequireBanner)).toBe(true);
    // Imported on first use (the BioT core's secret reader), never bundled.
    expect(bundled).toMatch(/import\(\s*"@aws-sdk\/client-secrets-manager"\)/);
    expect(bundled).toContain('/dispatcher/v1/hooks/interceptions/subscribe');
  });
});

/** The asset folder of a function: CDK stages a zip asset `<hash>.zip` as the folder `asset.<hash>`. */
function assetPathOf(template: Template, logicalId: string): string | undefined {
  const resource = template.toJSON().Resources[logicalId] as
    | { Properties?: { Code?: { S3Key?: unknown } } }
    | undefined;
  const key = resource?.Properties?.Code?.S3Key;
  return typeof key === 'string' ? `asset.${key.replace(/\.zip$/, '')}` : undefined;
}
