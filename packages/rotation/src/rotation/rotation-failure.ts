import { BiotApiError, PluginError, ROTATION_FAILURE_TAG, ServiceLoginError } from '@biot-plugin/core';
import { RotationError } from '../errors.js';
import { isRotationStep, type RotationStep } from './rotation-step.js';

export { ROTATION_FAILURE_TAG };

export interface RotationFailure {
  step: RotationStep;
  /** The ClientRequestToken (version id) of the failed rotation. */
  versionId: string;
  code: string;
  message: string;
}

/** Tag values allow letters, digits, spaces and `_ . : / = + - @`, up to 256 characters. */
const TAG_VALUE_UNSAFE = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]+/gu;
const TAG_VALUE_MAX = 256;

export function encodeRotationFailure(failure: RotationFailure): string {
  const message = failure.message.replace(TAG_VALUE_UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return `${failure.step} ${failure.versionId} ${failure.code} ${message}`.slice(0, TAG_VALUE_MAX);
}

export function decodeRotationFailure(value: string | undefined): RotationFailure | undefined {
  const match = value === undefined ? null : /^(\S+) (\S+) (\S+) ?(.*)$/s.exec(value);
  if (!match || !isRotationStep(match[1])) return undefined;
  return { step: match[1], versionId: match[2] ?? '', code: match[3] ?? '', message: match[4] ?? '' };
}

/** A short, stable code for any error a step can throw. */
export function failureCode(error: unknown): string {
  if (error instanceof RotationError) return error.code;
  if (error instanceof BiotApiError || error instanceof ServiceLoginError) {
    return `BIOT_${error.upstreamStatus}${error.upstreamCode ? `_${error.upstreamCode}` : ''}`;
  }
  // BIOT_TIMEOUT, BIOT_UNREACHABLE, PLUGIN_MISCONFIGURED: the core's own codes.
  if (error instanceof PluginError) return error.code;
  if (error instanceof Error && error.name) return error.name;
  return 'UNKNOWN';
}
