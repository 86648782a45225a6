import { createHash } from 'node:crypto';

/**
 * What marks a notification as seen: the sha256 of its token and body together. BioT signs no body
 * and reuses its internal token for many events (BIOT-CONTRACT.md §3), so a token alone never
 * marks an event as seen; and being a hash, the key can be stored (DynamoDB) without the token.
 */
export function notificationKey(token: string, body: string): string {
  return createHash('sha256').update(token).update('\n').update(body).digest('base64url');
}

/** `first`: run it; `done`: it already ran; `running`: it is running now. */
export type Claim = 'first' | 'done' | 'running';

/**
 * The notifications this container has run or is running, so an exact repeat within the token's
 * life is not run twice. Bounded in entries; an entry lives until its token expires, or until
 * its run failed (then a repeat runs again: a failed event must not be answered as handled).
 */
export class SeenEvents {
  private readonly entries = new Map<string, { expiresAtMs: number; running: boolean }>();

  constructor(
    private readonly capacity = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the event as running, unless it ran or is running and its token is still valid. */
  claim(key: string, expiresAtMs: number): Claim {
    const now = this.now();
    const known = this.entries.get(key);
    if (known !== undefined && known.expiresAtMs > now) return known.running ? 'running' : 'done';
    this.entries.delete(key);
    this.entries.set(key, { expiresAtMs, running: true });
    if (this.entries.size > this.capacity) this.evict(now);
    return 'first';
  }

  /** The event ran (here or, as the shared store says, in another container). */
  complete(key: string): void {
    const entry = this.entries.get(key);
    if (entry !== undefined) entry.running = false;
  }

  /** The event's run failed: forget it, so a repeat runs again. */
  release(key: string): void {
    this.entries.delete(key);
  }

  /**
   * O(1) per insert: entries are in insertion order, which is nearly expiry order (BioT's tokens
   * live about as long as each other), so expired ones are dropped from the front, and when the
   * table is still full of live ones, the oldest goes.
   */
  private evict(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAtMs > now && this.entries.size <= this.capacity) break;
      this.entries.delete(key);
    }
  }
}
