import { bundlePlugin } from '../bundle/build.js';

/**
 * `bundle.ts <entry> <outfile>`: one `bundlePlugin` run, for callers that must bundle synchronously
 * (CDK's local bundling, `bundleInChildProcess`). esbuild plugins need its asynchronous API.
 */
const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error('Usage: bundle.ts <entry.ts> <outfile.mjs>');
  process.exitCode = 2;
} else {
  await bundlePlugin(entry, outfile);
}
