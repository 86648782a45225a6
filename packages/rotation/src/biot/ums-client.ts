import { BiotApiError, BiotHttp, DEFAULTS, type HttpMethod, newTrace, serviceLogin } from '@biot-plugin/core';

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

const SERVICE_USER = '/ums/v2/services/{id}';
const SECRET_KEYS = '/ums/v2/services/{id}/secret-keys';
const SECRET_KEY = '/ums/v2/services/{id}/secret-keys/{keyId}';

/**
 * The slice of BioT's User Management Service that rotating a service user's key needs: service
 * login (BIOT-CONTRACT.md §4) and the secret-key operations (BIOT-CONTRACT.md §7), on the BioT core's
 * client: every call is bounded by a timeout, BioT's error bodies become the core's `BiotApiError`
 * with BioT's `code` as `upstreamCode`, and a refused login is its `ServiceLoginError`.
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

  constructor(options: UmsClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.httpTimeoutMs;
    this.retryLimit = options.retryLimit ?? DEFAULTS.httpRetryLimit;
    // The plugin's own BioT client: the same timeouts, retry policy (login and GET/DELETE only,
    // with jittered backoff) and errors.
    this.http = new BiotHttp({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      timeoutMs: this.timeoutMs,
      retryLimit: this.retryLimit,
    });
  }

  /**
   * A service access token for this key. Safe to retry: a login only issues a token. A refusal is
   * a ServiceLoginError (`rejectsKey` when BioT refused the key itself).
   */
  async login(credentials: { id: string; secretKey: string }): Promise<string> {
    const token = await serviceLogin(
      this.http,
      { id: credentials.id, secretKey: credentials.secretKey },
      { deadline: this.deadline(), traceparent: this.traceparent },
    );
    return token.accessToken;
  }

  /** The key ids the service user holds, in BioT's order. */
  async listSecretKeys(serviceUserId: string, accessToken: string): Promise<SecretKeyInfo[]> {
    const answer = await this.call<{ secretKeys?: unknown }>(
      'GET',
      `/ums/v2/services/${encodeURIComponent(serviceUserId)}`,
      SERVICE_USER,
      accessToken,
    );
    if (!Array.isArray(answer?.secretKeys)) {
      throw new BiotApiError(200, 'INVALID_SERVICE_USER_RESPONSE', `GET ${SERVICE_USER}`);
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
      SECRET_KEYS,
      accessToken,
    );
    if (typeof answer?.id !== 'string' || typeof answer.secretKey !== 'string' || answer.secretKey === '') {
      throw new BiotApiError(201, 'INVALID_SECRET_KEY_RESPONSE', `POST ${SECRET_KEYS}`);
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
        SECRET_KEY,
        accessToken,
      );
      return 'deleted';
    } catch (error) {
      if (error instanceof BiotApiError && error.upstreamCode === 'SECRET_KEY_ID_NOT_FOUND') return 'absent';
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
    return this.http.call<T>({
      method,
      path,
      route,
      headers: { authorization: `Bearer ${accessToken}` },
      deadline: this.deadline(),
      traceparent: this.traceparent,
    });
  }
}
