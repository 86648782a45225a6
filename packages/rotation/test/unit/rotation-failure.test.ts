import { BiotApiError, BiotTimeoutError, BiotUnreachableError, ServiceLoginError } from '@biot-plugin/core';
import { describe, expect, it } from 'vitest';
import { PendingKeyRejectedError } from '../../src/errors.js';
import {
  decodeRotationFailure,
  encodeRotationFailure,
  failureCode,
} from '../../src/rotation/rotation-failure.js';

const VERSION = '6f1c1a52-3b7e-4d1e-9a55-0d1f3a8e2c11';

describe('the rotation-failure tag', () => {
  it('reads back the step, version, code and message it was written with', () => {
    const failure = {
      step: 'testSecret' as const,
      versionId: VERSION,
      code: 'PENDING_KEY_REJECTED',
      message: 'BioT refused it',
    };

    expect(decodeRotationFailure(encodeRotationFailure(failure))).toEqual(failure);
  });

  it('keeps to the characters and length AWS allows in a tag value', () => {
    const value = encodeRotationFailure({
      step: 'createSecret',
      versionId: VERSION,
      code: 'X',
      message: `BioT answered (403) "LOGIN_FAILED"; ${'x'.repeat(400)}`,
    });

    expect(value.length).toBeLessThanOrEqual(256);
    expect(value).toMatch(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u);
  });

  it('ignores a tag that is not a rotation failure', () => {
    expect(decodeRotationFailure('hello world')).toBeUndefined();
    expect(decodeRotationFailure(undefined)).toBeUndefined();
  });

  it('derives short codes from the errors a step throws', () => {
    expect(failureCode(new PendingKeyRejectedError('no'))).toBe('PENDING_KEY_REJECTED');
    expect(failureCode(new BiotApiError(409, 'MAX_SECRET_KEYS', 'POST /x'))).toBe('BIOT_409_MAX_SECRET_KEYS');
    expect(failureCode(new BiotApiError(502, undefined, 'GET /x'))).toBe('BIOT_502');
    expect(failureCode(new ServiceLoginError(403, 'LOGIN_FAILED'))).toBe('BIOT_403_LOGIN_FAILED');
    expect(failureCode(new BiotTimeoutError('GET /x'))).toBe('BIOT_TIMEOUT');
    expect(failureCode(new BiotUnreachableError('GET /x'))).toBe('BIOT_UNREACHABLE');
  });
});
