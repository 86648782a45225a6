import {
  BiotHttp,
  BiotApiError as HttpApiError,
  type HttpMethod,
  BiotTimeoutError as HttpTimeoutError,
  BiotUnreachableError as HttpUnreachableError,
  newTrace,
  noTracing,
  ServiceLoginError,
  serviceLogin,
} from '@biot-plugin/core';
import { BiotApiError, BiotTimeoutError, BiotUnreachableError } from './errors.js';

/** A secret key as `GET /ums/v2/services/{id}` lists it: never its value (BIOT-CONTRACT.md §7). */
export interface SecretKeyInfo {
  id: string;
  creationTime: string;
}

/** A key just created: the only moment BioT shows its value (BIOT-CONTRACT.md §7). */
export interface CreatedSecretKey extends SecretKeyInfo {
  secretKey: string;
}

export interface UmsClientOptions {
  /** BIOT_BASE_URL, e.g. `https://api.example.biot-med.com`. */
  baseUrl: string;
  /** Upper bound for one attempt. Default 5,000 ms. */
  timeoutMs?: number;
  /** Retries of safe calls (login, GET, DELETE) on 429/5xx. Default 2. */
  retryLimit?: number;
}

const LOGIN = 'POST /ums/v2/services/accessToken';
const GET_SERVICE_USER = 'GET /ums/v2/services/{id}';
const CREATE_KEY = 'POST /ums/v2/services/{id}/secret-keys';
const DELETE_KEY = 'DELETE /ums/v2/services/{id}/secret-keys/{keyId}';

/**
 * The slice of BioT's User Management Service that rotating a service user's key needs: service
 * login (BIOT-CONTRACT.md §4) and the secret-key operations (BIOT-CONTRACT.md §7). Every call is bounded by a
 * timeout; BioT's error bodies become `BiotApiError` with BioT's `code`.
 *
 * Creating a key is never retried: BioT returns the value only once, so a repeated POST would leave
 * a key nobody can use. The rotation cleans such keys up instead (see README "Idempotency").
 */
export class UmsClient {
  private readonly http: BiotHttp;
  private readonly timeoutMs: number;
  private readonly retryLimit: number;
  /** One trace per client: every call of one rotation step shares it in BioT's logs. */
  private readonly traceparent = newTrace().traceparent;

  constructor(private readonly options: UmsClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.retryLimit = options.retryLimit ?? 2;
    // The runtime's BioT client: the same timeouts, retry policy (login and GET/DELETE only, with
    // jittered backoff) and error parsing as the plugin itself.
    this.http = new BiotHttp({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      timeoutMs: this.timeoutMs,
      retryLimit: this.retryLimit,
      tracing: noTracing,
    });
  }

  /** A service access token for this key. Safe to retry: a login only issues a token. */
  async login(credentials: { id: string; secretKey: string }): Promise<string> {
    try {
      const token = await serviceLogin(
        this.http,
        { id: credentials.id, secretKey: credentials.secretKey },
        { deadline: this.deadline(), traceparent: this.traceparent },
      );
      return token.accessToken;
    } catch (error) {
      if (error instanceof ServiceLoginError) {
        const { upstreamStatus, upstreamCode } = error.details as {
          upstreamStatus: number;
          upstreamCode?: string;
        };
        throw new BiotApiError(upstreamStatus, upstreamCode, LOGIN, undefined);
      }
      throw this.toBiotError(error, LOGIN);
    }
  }

  /** The key ids the service user holds, in BioT's order. */
  async listSecretKeys(serviceUserId: string, accessToken: string): Promise<SecretKeyInfo[]> {
    const answer = await this.call<{ secretKeys?: unknown }>(
      'GET',
      `/ums/v2/services/${encodeURIComponent(serviceUserId)}`,
      GET_SERVICE_USER,
      accessToken,
    );
    if (!Array.isArray(answer?.secretKeys)) {
      throw new BiotApiError(200, 'INVALID_SERVICE_USER_RESPONSE', GET_SERVICE_USER, 'no secretKeys list');
    }
    return answer.secretKeys.flatMap((key: unknown) => {
      const { id, creationTime } = (key ?? {}) as { id?: unknown; creationTime?: unknown };
      return typeof id === 'string'
        ? [{ id, creationTime: typeof creationTime === 'string' ? creationTime : '' }]
        : [];
    });
  }

  /** A new key; 409 MAX_SECRET_KEYS at BioT's cap. Never retried: a POST is not idempotent. */
  async createSecretKey(serviceUserId: string, accessToken: string): Promise<CreatedSecretKey> {
    const answer = await this.call<Partial<CreatedSecretKey>>(
      'POST',
      `/ums/v2/services/${encodeURIComponent(serviceUserId)}/secret-keys`,
      CREATE_KEY,
      accessToken,
    );
    if (typeof answer?.id !== 'string' || typeof answer.secretKey !== 'string' || answer.secretKey === '') {
      throw new BiotApiError(
        201,
        'INVALID_SECRET_KEY_RESPONSE',
        CREATE_KEY,
        'the answer has no id or secretKey',
      );
    }
    return { id: answer.id, creationTime: answer.creationTime ?? '', secretKey: answer.secretKey };
  }

  /** Deletes a key; `absent` when BioT no longer has it (a retried delete). */
  async deleteSecretKey(
    serviceUserId: string,
    keyId: string,
    accessToken: string,
  ): Promise<'deleted' | 'absent'> {
    try {
      await this.call(
        'DELETE',
        `/ums/v2/services/${encodeURIComponent(serviceUserId)}/secret-keys/${encodeURIComponent(keyId)}`,
        DELETE_KEY,
        accessToken,
      );
      return 'deleted';
    } catch (error) {
      if (error instanceof BiotApiError && error.code === 'SECRET_KEY_ID_NOT_FOUND') return 'absent';
      throw error;
    }
  }

  /** Room for every attempt and the backoff between them. */
  private deadline(): number {
    return Date.now() + this.timeoutMs * (this.retryLimit + 1) + 2_000;
  }

  private async call<T>(
    method: HttpMethod,
    path: string,
    route: string,
    accessToken: string,
  ): Promise<T | undefined> {
    try {
      return await this.http.call<T>({
        method,
        path,
        route: route.slice(route.indexOf(' ') + 1),
        headers: bearer(accessToken),
        deadline: this.deadline(),
        traceparent: this.traceparent,
      });
    } catch (error) {
      throw this.toBiotError(error, route);
    }
  }

  private toBiotError(error: unknown, route: string): unknown {
    if (error instanceof HttpApiError)
      return new BiotApiError(error.upstreamStatus, error.upstreamCode, route, undefined);
    if (error instanceof HttpTimeoutError)
      return new BiotTimeoutError(route, this.timeoutMs, { cause: error });
    if (error instanceof HttpUnreachableError) {
      return new BiotUnreachableError(route, this.options.baseUrl, { cause: error });
    }
    return error;
  }
}

function bearer(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}` };
}
