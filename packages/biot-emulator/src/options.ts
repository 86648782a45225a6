import { EmulatorUsageError } from './errors.js';
import { DEFAULT_REQUEST_LOG_CAPACITY } from './observe/request-log.js';
import type { ServiceUserSpec } from './ums/service-users.js';

export interface BiotEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1; the emulator is for this machine only. */
  host?: string;
  /** A PEM RSA private key to sign with instead of a generated one. */
  keyFile?: string;
  serviceUsers?: ServiceUserSpec[];
  /** Secret keys a service user may hold; BioT's cap is not published (BIOT-CONTRACT.md §12.9). Default 3. */
  maxSecretKeys?: number;
  /** Service access token lifetime; BioT's is 30 minutes (BIOT-CONTRACT.md §4). Default 1800. */
  accessTokenTtlSeconds?: number;
  /** Whether deleting a secret key ends the sessions opened with it (unknown in BioT). Default true. */
  revokeTokensOnKeyDelete?: boolean;
  /** Start with a few patients and devices. Default true. */
  seed?: boolean;
  /** How many recent requests `requests` keeps. Default 10,000. */
  requestLogCapacity?: number;
  /**
   * Hold every BioT-route request and answer to BioT's own OpenAPI files: a request BioT would
   * refuse is answered 400 naming what is wrong. Default true (the whole test suite runs with it).
   */
  validateAgainstBiotApi?: boolean;
}

export type ResolvedOptions = Required<Omit<BiotEmulatorOptions, 'keyFile'>> &
  Pick<BiotEmulatorOptions, 'keyFile'>;

export function resolveOptions(options: BiotEmulatorOptions): ResolvedOptions {
  const resolved = {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    keyFile: options.keyFile,
    serviceUsers: options.serviceUsers ?? [],
    maxSecretKeys: options.maxSecretKeys ?? 3,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 1800,
    revokeTokensOnKeyDelete: options.revokeTokensOnKeyDelete ?? true,
    seed: options.seed ?? true,
    requestLogCapacity: options.requestLogCapacity ?? DEFAULT_REQUEST_LOG_CAPACITY,
    validateAgainstBiotApi: options.validateAgainstBiotApi ?? true,
  };
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) {
    throw new EmulatorUsageError(`port must be 0..65535, got ${resolved.port}`);
  }
  if (!Number.isInteger(resolved.maxSecretKeys) || resolved.maxSecretKeys < 1) {
    throw new EmulatorUsageError(`maxSecretKeys must be a positive integer, got ${resolved.maxSecretKeys}`);
  }
  if (!Number.isFinite(resolved.accessTokenTtlSeconds) || resolved.accessTokenTtlSeconds <= 0) {
    throw new EmulatorUsageError(
      `accessTokenTtlSeconds must be positive, got ${resolved.accessTokenTtlSeconds}`,
    );
  }
  if (!Number.isInteger(resolved.requestLogCapacity) || resolved.requestLogCapacity < 1) {
    throw new EmulatorUsageError(
      `requestLogCapacity must be a positive integer, got ${resolved.requestLogCapacity}`,
    );
  }
  return resolved;
}
