import { PublicKeyUnavailableError } from '../errors.js';
import { importBiotPublicKey, type VerificationKey } from './public-key.js';

/** BioT's answer to `GET /ums/v1/security/public-key` (contract §3). */
export interface PublicKeyPair {
  publicKey: string;
  previousPublicKey?: string | null;
}

/** Who is asking: the trace and deadline the key fetch runs under. */
export interface FetchScope {
  deadline: number;
  traceparent: string;
}

export interface PublicKeyStoreOptions {
  /** A fixed key (BIOT_PUBLIC_KEY): never fetched, never refreshed. */
  staticKey?: string;
  /** Fetches BioT's current key pair. */
  fetchKeys: (scope: FetchScope) => Promise<PublicKeyPair>;
  /** How soon after a fetch a signature failure may trigger another fetch. */
  refetchIntervalMs?: number;
  now?: () => number;
}

interface Keys {
  current: VerificationKey;
  previous: VerificationKey | undefined;
}

/**
 * Holds BioT's verification keys for the container's life. The first token triggers one fetch,
 * shared by every concurrent caller; a signature failure may trigger a refetch at most once per
 * interval, so a flood of forged tokens cannot turn into a flood of calls to BioT.
 */
export class PublicKeyStore {
  private keys: Keys | undefined;
  private inFlight: Promise<Keys> | undefined;
  private lastFetchAt = Number.NEGATIVE_INFINITY;
  private readonly refetchIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: PublicKeyStoreOptions) {
    this.refetchIntervalMs = options.refetchIntervalMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The keys to try, current first; fetched on first use. */
  async get(scope: FetchScope): Promise<readonly VerificationKey[]> {
    const keys = this.keys ?? (await this.load(scope));
    return keys.previous ? [keys.current, keys.previous] : [keys.current];
  }

  /**
   * Fetch again if the last fetch is older than the interval (after a signature failure, or to
   * confirm a previous key is still listed).
   * Returns the new keys, or undefined when no refetch was allowed or it failed (the cached
   * keys then stay in use, so a BioT outage does not stop verification).
   */
  async refresh(scope: FetchScope): Promise<readonly VerificationKey[] | undefined> {
    if (this.options.staticKey !== undefined) return undefined;
    if (this.now() - this.lastFetchAt < this.refetchIntervalMs) return undefined;
    try {
      const keys = await this.load(scope);
      return keys.previous ? [keys.current, keys.previous] : [keys.current];
    } catch {
      return undefined;
    }
  }

  private load(scope: FetchScope): Promise<Keys> {
    this.inFlight ??= this.fetchAndImport(scope).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetchAndImport(scope: FetchScope): Promise<Keys> {
    if (this.options.staticKey !== undefined) {
      this.keys = { current: importStatic(this.options.staticKey), previous: undefined };
      return this.keys;
    }
    this.lastFetchAt = this.now();
    let pair: PublicKeyPair;
    try {
      pair = await this.options.fetchKeys(scope);
    } catch (error) {
      if (this.keys) return this.keys;
      throw new PublicKeyUnavailableError({ cause: error });
    }
    try {
      const current = importBiotPublicKey(pair.publicKey);
      const previous =
        pair.previousPublicKey && pair.previousPublicKey !== pair.publicKey
          ? importPrevious(pair.previousPublicKey)
          : undefined;
      this.keys = { current, previous };
      return this.keys;
    } catch (error) {
      if (this.keys) return this.keys;
      throw new PublicKeyUnavailableError({ cause: error });
    }
  }
}

function importStatic(value: string): VerificationKey {
  try {
    return importBiotPublicKey(value);
  } catch (error) {
    throw new PublicKeyUnavailableError({ cause: error });
  }
}

/** A previous key BioT serves broken only costs the tokens it signed, not the current key. */
function importPrevious(value: string): VerificationKey | undefined {
  try {
    return importBiotPublicKey(value);
  } catch {
    return undefined;
  }
}
