import { generateKeyPair, type KeyObject, sign } from 'node:crypto';
import { promisify } from 'node:util';
import type { BiotEmulator, SignEventTokenOptions } from '@biot-plugin/biot-emulator';

/** Tokens for `kit.send`, when a test wants other scopes, claims or lifetimes than BioT's own. */
export interface EventTokens {
  /** Signed by BioT's current key (the emulator's): RS512, BioT's claims, `options` applied. */
  genuine(options?: SignEventTokenOptions): Promise<string>;
  /**
   * The same token signed by a key BioT never served: well-formed RS512 with BioT's header and
   * claims, so only the signature gives it away. The runtime answers 401 JWT_INVALID.
   */
  forged(options?: SignEventTokenOptions): Promise<string>;
}

export function eventTokens(emulator: BiotEmulator): EventTokens {
  return {
    genuine: (options) => emulator.signEventToken(options),
    async forged(options) {
      const [header, claims] = (await emulator.signEventToken(options)).split('.');
      const signingInput = `${header}.${claims}`;
      const signature = sign('sha512', Buffer.from(signingInput), await forgerKey());
      return `${signingInput}.${signature.toString('base64url')}`;
    },
  };
}

let forger: Promise<KeyObject> | undefined;

/**
 * An RSA-2048 key like BioT's, made once per test process: generating one takes most of a second,
 * so it is made off the event loop, where the emulator in the same process keeps answering.
 */
function forgerKey(): Promise<KeyObject> {
  forger ??= promisify(generateKeyPair)('rsa', { modulusLength: 2048 }).then(({ privateKey }) => privateKey);
  return forger;
}
