import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { EmulatorUsageError } from '../errors.js';

const generateKeyPairAsync = promisify(generateKeyPair);

// BioT's signatures are 256 bytes, i.e. RSA-2048 (BIOT-CONTRACT.md §3).
const MODULUS_LENGTH = 2048;

interface SigningKey {
  readonly privateKey: KeyObject;
  /** One-line base64 DER SubjectPublicKeyInfo, no PEM armour: the form BioT serves (BIOT-CONTRACT.md §3). */
  readonly publicKey: string;
}

export type SigningKeyChoice = 'current' | 'previous';

/**
 * The RSA key BioT signs its event tokens with, and the one before it. BioT serves both from
 * `GET /ums/v1/security/public-key`; until the first rotation there is no older key, so the
 * previous key is the current one (the schema has both fields as plain strings, BIOT-CONTRACT.md §3).
 */
export class SigningKeys {
  #current: SigningKey;
  #previous: SigningKey;

  private constructor(key: SigningKey) {
    this.#current = key;
    this.#previous = key;
  }

  static async generate(): Promise<SigningKeys> {
    const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: MODULUS_LENGTH });
    return new SigningKeys(signingKey(privateKey));
  }

  /** Loads a PEM private key (PKCS#8 or PKCS#1), so a fixed key can be shared between runs. */
  static async fromPemFile(path: string): Promise<SigningKeys> {
    let pem: string;
    try {
      pem = await readFile(path, 'utf8');
    } catch (error) {
      throw new EmulatorUsageError(`Cannot read key file ${path}: ${(error as Error).message}`);
    }
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(pem);
    } catch (error) {
      throw new EmulatorUsageError(`Key file ${path} is not a PEM private key: ${(error as Error).message}`);
    }
    if (privateKey.asymmetricKeyType !== 'rsa') {
      throw new EmulatorUsageError(
        `Key file ${path} holds a ${privateKey.asymmetricKeyType} key; BioT signs RS512`,
      );
    }
    return new SigningKeys(signingKey(privateKey));
  }

  get publicKey(): string {
    return this.#current.publicKey;
  }

  get previousPublicKey(): string {
    return this.#previous.publicKey;
  }

  privateKey(choice: SigningKeyChoice): KeyObject {
    return choice === 'previous' ? this.#previous.privateKey : this.#current.privateKey;
  }

  /** Synchronous on purpose: callers read the new key right after rotating (about 0.2 s of CPU). */
  rotate(): void {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: MODULUS_LENGTH });
    this.#previous = this.#current;
    this.#current = signingKey(privateKey);
  }
}

function signingKey(privateKey: KeyObject): SigningKey {
  const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return { privateKey, publicKey: der.toString('base64') };
}
