import { createHash } from 'node:crypto';

/**
 * The notifications this container has already run, so an exact repeat (same token, same body)
 * within the token's life is not run twice. BioT signs no body and reuses its internal token for
 * many events (BIOT-CONTRACT.md §3): a token alone never marks an event as seen, only token and body
 * together. Bounded in entries; an entry lives until its token expires.
 */
export class SeenEvents {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly capacity = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the event; false when the same token and body were recorded and the token is still valid. */
  firstTime(token: string, body: string, tokenExpiresAtMs: number): boolean {
    const key = createHash('sha256').update(token).update('\n').update(body).digest('base64url');
    const now = this.now();
    const known = this.expiries.get(key);
    if (known !== undefined && known > now) return false;
    this.expiries.delete(key);
    this.expiries.set(key, tokenExpiresAtMs);
    if (this.expiries.size > this.capacity) this.evict(now);
    return true;
  }

  /**
   * O(1) per insert: entries are in insertion order, which is nearly expiry order (BioT's tokens
   * live about as long as each other), so expired ones are dropped from the front, and when the
   * table is still full of live ones, the oldest goes.
   */
  private evict(now: number): void {
    for (const [key, expiry] of this.expiries) {
      if (expiry > now && this.expiries.size <= this.capacity) break;
      this.expiries.delete(key);
    }
  }
}
