import { NotificationInProgressError } from '../errors.js';
import type { PluginLogger } from '../log/logger.js';
import { notificationKey, type SeenEvents } from './seen-events.js';

/** What became of a notification: run now (with the hook's answer), or a repeat not run again. */
export type RepeatOutcome<T> = { repeated: true } | { repeated: false; answer: T };

/** One notification as the repeat check sees it. */
export interface NotificationRun<T> {
  token: string;
  /** The body as it arrived: hashing it costs no second serialisation of what was just parsed. */
  body: string;
  /** When the token expires: a repeat is recognised until then, no longer. */
  expiresAtMs: number;
  /** Time left before the plugin must answer: how long a run may be held "in progress". */
  remainingTimeMs: () => number;
  log: PluginLogger;
  run: () => Promise<T>;
}

/** The repeat check shared by every container of the function (DynamoDB, `dynamodb-repeat-store.ts`). */
export interface SharedRepeatStore {
  runOnce<T>(key: string, notification: NotificationRun<T>): Promise<RepeatOutcome<T>>;
}

/**
 * Exact repeats run once, new events always run (issue 13, item 5). This container's memory is
 * asked first, so a repeat seen here costs no network call; with a shared store (when
 * BIOT_IDEMPOTENCY_TABLE is set) it then decides across containers. A repeat of an event that is
 * still running is refused (409 NOTIFICATION_IN_PROGRESS); one whose run failed runs again.
 */
export class RepeatCheck {
  constructor(
    private readonly memory: SeenEvents,
    private readonly shared?: SharedRepeatStore,
  ) {}

  async runOnce<T>(notification: NotificationRun<T>): Promise<RepeatOutcome<T>> {
    const key = notificationKey(notification.token, notification.body);
    const claim = this.memory.claim(key, notification.expiresAtMs);
    if (claim === 'done') return { repeated: true };
    if (claim === 'running') throw new NotificationInProgressError();
    try {
      const outcome = this.shared
        ? await this.shared.runOnce(key, notification)
        : { repeated: false as const, answer: await notification.run() };
      this.memory.complete(key);
      return outcome;
    } catch (error) {
      this.memory.release(key);
      throw error;
    }
  }
}
