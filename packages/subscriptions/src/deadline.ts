import { RegistrationError } from './errors.js';

/**
 * How much earlier than the overall deadline BioT calls must stop, so a slow BioT is reported by
 * the BioT client ("BioT did not answer X in time") rather than by the bare deadline below.
 */
export const CALL_GRACE_MS = 200;

/**
 * Settles with `work`, or rejects at `deadline` with a message saying what did not finish. The
 * BioT client already stops at the deadline; this also covers what it does not (Secrets Manager,
 * a bug), so a Lambda always answers before it is killed and a command never hangs.
 */
export async function withDeadline<T>(work: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new RegistrationError(`${what} did not finish before its deadline`)),
      Math.max(0, deadline - Date.now()),
    );
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
