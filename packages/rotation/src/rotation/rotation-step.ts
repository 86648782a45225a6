/** The four steps Secrets Manager invokes a rotation function with, in this order. */
export const ROTATION_STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;

export type RotationStep = (typeof ROTATION_STEPS)[number];

/** The event Secrets Manager sends for each step (`RotationToken` is sent too and not needed). */
export interface RotationEvent {
  Step: RotationStep;
  SecretId: string;
  /** The id of the version this rotation creates; the same for all four steps. */
  ClientRequestToken: string;
  RotationToken?: string;
}

export function isRotationStep(value: unknown): value is RotationStep {
  return typeof value === 'string' && (ROTATION_STEPS as readonly string[]).includes(value);
}
