import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Writes a fresh RSA-2048 private key to a temporary PEM file, removed after the file's tests.
 * Call once per test file, at the top: every emulator in that file then loads it through
 * `keyFile` instead of generating its own (key generation is the slowest step of a test file).
 */
export function writeTestKeyFile(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const directory = mkdtempSync(join(tmpdir(), 'biot-emulator-test-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const path = join(directory, 'signing-key.pem');
  writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return path;
}
