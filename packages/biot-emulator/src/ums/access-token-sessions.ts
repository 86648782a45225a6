import { randomBytes } from 'node:crypto';

/** What BioT answers a service login with (BIOT-CONTRACT.md §4). */
export interface AccessTokenGrant {
  accessToken: string;
  accessTokenExpiration: string;
}

export interface AccessTokenSession {
  readonly serviceUserId: string;
  /** The secret key the login used: deleting that key can revoke the session. */
  readonly secretKeyId: string;
  readonly expiresAt: number;
}

// Plugins cache their token (BIOT-CONTRACT.md §4), so this is only reached by a login storm; past it the
// oldest sessions go first, which keeps memory bounded during benchmarks.
const MAX_SESSIONS = 100_000;

/** The service access tokens handed out by login. Opaque to callers (BIOT-CONTRACT.md §12.10). */
export class AccessTokenSessions {
  readonly #sessions = new Map<string, AccessTokenSession>();

  constructor(private readonly ttlSeconds: number) {}

  issue(serviceUserId: string, secretKeyId: string): AccessTokenGrant {
    if (this.#sessions.size >= MAX_SESSIONS) this.#evict();
    const accessToken = randomBytes(32).toString('base64url');
    const expiresAt = Date.now() + this.ttlSeconds * 1000;
    this.#sessions.set(accessToken, { serviceUserId, secretKeyId, expiresAt });
    return { accessToken, accessTokenExpiration: new Date(expiresAt).toISOString() };
  }

  find(accessToken: string): AccessTokenSession | undefined {
    return this.#sessions.get(accessToken);
  }

  get size(): number {
    return this.#sessions.size;
  }

  clear(): void {
    this.#sessions.clear();
  }

  #evict(): void {
    const now = Date.now();
    for (const [token, session] of this.#sessions) {
      if (session.expiresAt <= now) this.#sessions.delete(token);
    }
    for (const token of this.#sessions.keys()) {
      if (this.#sessions.size < MAX_SESSIONS) break;
      this.#sessions.delete(token);
    }
  }
}
