import { PATHS } from '../paths.js';

/** A zip's size, or why it could not be made (the figure is then `n/a`, not a failure). */
export type ZipSize = { bytes: number } | { unavailable: string };

/**
 * The zip `pnpm zip` would make of a bundle for BioT's plugin API, made by the same function
 * (infra/scripts/plugin-zip.ts). It lives in the CDK app, not in a package the bench depends on,
 * so it is loaded by path; if it has moved, the zip line says so and the rest of the run goes on.
 */
export async function zipSizeOf(bundleDir: string): Promise<ZipSize> {
  try {
    const { pluginZipFromBundle } = (await import(PATHS.pluginZipModule)) as {
      pluginZipFromBundle: (distDir: string) => Promise<Uint8Array>;
    };
    return { bytes: (await pluginZipFromBundle(bundleDir)).byteLength };
  } catch (error) {
    return { unavailable: `n/a (${(error as Error).message.split('\n')[0]})` };
  }
}
