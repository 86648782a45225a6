import { ConfigurationError } from '@biot-plugin/core';
import { PublicKeyUnavailableError } from '../errors.js';
import { importBiotPublicKey, type VerificationKey } from './public-key.js';

/** Where BioT publishes the key its tokens are signed with (BIOT-CONTRACT.md §3). */
export const PUBLIC_KEY_PATH = '/ums/v1/security/public-key';

/** BioT's answer to `GET /ums/v1/security/public-key` (BIOT-CONTRACT.md §3). */
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
  /** How long fetched keys are trusted before they are fetched again. */
  maxAgeMs?: number;
  now?: () => number;
}

/** After a failed fetch with nothing cached, the next waits 1 s, then 2 s, … up to this. */
const MAX_BACKOFF_MS = 60_000;
const FIRST_BACKOFF_MS = 1_000;

interface Keys {
  current: VerificationKey;
  previous: VerificationKey | undefined;
  fetchedAt: number;
}

/**
 * Holds BioT's verification keys. The first token triggers one fetch, shared by every concurrent
 * caller; keys older than `maxAgeMs` are fetched again, so a key BioT retired is not trusted for a
 * warm container's whole life; a signature failure may trigger a refetch at most once per
 * interval, and after a failed fetch with nothing cached later fetches back off, so neither a
 * flood of forged tokens nor junk during a BioT outage turns into a flood of calls to BioT.
 */
export class PublicKeyStore {
  private keys: Keys | undefined;
  private inFlight: Promise<Keys> | undefined;
  private lastFetchAt = Number.NEGATIVE_INFINITY;
  private backoffMs = 0;
  private readonly refetchIntervalMs: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(private readonly options: PublicKeyStoreOptions) {
    this.refetchIntervalMs = options.refetchIntervalMs ?? 60_000;
    this.maxAgeMs = options.maxAgeMs ?? 3_600_000;
    this.now = options.now ?? Date.now;
  }

  /** The keys to try, current first; fetched on first use and when older than the maximum age. */
  async get(scope: FetchScope): Promise<readonly VerificationKey[]> {
    let keys = this.keys;
    if (keys === undefined) {
      if (this.now() - this.lastFetchAt < this.backoffMs) throw new PublicKeyUnavailableError();
      keys = await this.load(scope);
    } else if (this.options.staticKey === undefined && this.now() - keys.fetchedAt >= this.maxAgeMs) {
      // Too old to trust unconfirmed; a failed refetch (rate-limited) keeps them rather than
      // turning a BioT outage into a plugin outage.
      keys = (await this.tryLoad(scope)) ?? keys;
    }
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
    const keys = await this.tryLoad(scope);
    return keys && (keys.previous ? [keys.current, keys.previous] : [keys.current]);
  }

  private async tryLoad(scope: FetchScope): Promise<Keys | undefined> {
    if (this.now() - this.lastFetchAt < this.refetchIntervalMs) return undefined;
    try {
      return await this.load(scope);
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
      this.keys = {
        current: importStatic(this.options.staticKey),
        previous: undefined,
        fetchedAt: this.now(),
      };
      return this.keys;
    }
    this.lastFetchAt = this.now();
    let pair: PublicKeyPair;
    try {
      pair = await this.options.fetchKeys(scope);
    } catch (error) {
      // A plugin without BIOT_BASE_URL is misconfigured, not facing an unavailable BioT.
      if (error instanceof ConfigurationError) throw error;
      if (this.keys) return this.keys;
      this.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(FIRST_BACKOFF_MS, this.backoffMs * 2));
      throw new PublicKeyUnavailableError({ cause: error });
    }
    try {
      const current = importBiotPublicKey(pair.publicKey);
      const previous =
        pair.previousPublicKey && pair.previousPublicKey !== pair.publicKey
          ? importPrevious(pair.previousPublicKey)
          : undefined;
      this.keys = { current, previous, fetchedAt: this.now() };
      this.backoffMs = 0;
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
