import { END_USER_ID } from '@biot-plugin/biot-emulator';
import type { NotificationInput } from './inputs.js';

/** How long the emulator's captured action took; BioT's `endTime` is after `startTime`. */
const ACTION_DURATION_MS = 377;

/**
 * A notification body as BioT sends it (BIOT-CONTRACT.md §1.3, the 2025 capture's shape), without `jwt`:
 * the emulator's `buildEvent` adds the signed token.
 */
export function notificationBody(
  input: NotificationInput,
  entity: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const startTime = input.startTime ?? withNanoseconds(Date.now());
  const started = Date.parse(startTime.replace(/(\.\d{3})\d+/, '$1'));
  return {
    metadata: {
      entityTypeName: input.entityTypeName,
      actionName: input.actionName,
      status: 'SUCCESS',
      startTime,
      endTime: withNanoseconds((Number.isNaN(started) ? Date.now() : started) + ACTION_DURATION_MS),
      initiator: { subject: { id: input.initiatorId ?? END_USER_ID }, sourceIpAddress: '127.0.0.1:59290' },
    },
    data: {
      ...(entity === undefined ? {} : { entity }),
      additionalData: input.oldEntity === undefined ? {} : { oldEntity: input.oldEntity },
    },
  };
}

/** BioT's notification times carry nanoseconds (BIOT-CONTRACT.md §1.3); these are milliseconds padded out. */
function withNanoseconds(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, -1)}000000Z`;
}
