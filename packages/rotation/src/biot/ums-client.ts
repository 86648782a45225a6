import ky, { HTTPError, type KyInstance, TimeoutError } from 'ky';
import { BiotApiError, BiotTimeoutError, BiotUnreachableError } from './errors.js';

/** A secret key as `GET /ums/v2/services/{id}` lists it: never its value (contract §7). */
export interface SecretKeyInfo {
  id: string;
  creationTime: string;
}

/** A key just created: the only moment BioT shows its value (contract §7). */
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
const RETRY_STATUS = [429, 500, 502, 503, 504];

/**
 * The slice of BioT's User Management Service that rotating a service user's key needs: service
 * login (contract §4) and the secret-key operations (contract §7). Every call is bounded by a
 * timeout; BioT's error bodies become `BiotApiError` with BioT's `code`.
 *
 * Creating a key is never retried: BioT returns the value only once, so a repeated POST would leave
 * a key nobody can use. The rotation cleans such keys up instead (see README "Idempotency").
 */
export class UmsClient {
  private readonly http: KyInstance;
  private readonly timeoutMs: number;

  constructor(private readonly options: UmsClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.http = ky.create({
      prefixUrl: options.baseUrl.replace(/\/+$/, ''),
      headers: { accept: 'application/json' },
      timeout: this.timeoutMs,
      retry: {
        limit: options.retryLimit ?? 2,
        methods: ['get', 'delete'],
        statusCodes: RETRY_STATUS,
        backoffLimit: 1_000,
      },
    });
  }

  /** A service access token for this key. Safe to retry: a login only issues a token. */
  async login(credentials: { id: string; secretKey: string }): Promise<string> {
    const answer = await this.call<{ accessToken?: unknown }>(LOGIN, () =>
      this.http.post('ums/v2/services/accessToken', {
        json: { id: credentials.id, secretKey: credentials.secretKey },
        retry: { limit: this.options.retryLimit ?? 2, methods: ['post'], statusCodes: RETRY_STATUS },
      }),
    );
    if (typeof answer?.accessToken !== 'string' || answer.accessToken === '') {
      throw new BiotApiError(200, 'INVALID_LOGIN_RESPONSE', LOGIN, 'the answer has no accessToken');
    }
    return answer.accessToken;
  }

  /** The key ids the service user holds, in BioT's order. */
  async listSecretKeys(serviceUserId: string, accessToken: string): Promise<SecretKeyInfo[]> {
    const answer = await this.call<{ secretKeys?: unknown }>(GET_SERVICE_USER, () =>
      this.http.get(`ums/v2/services/${encodeURIComponent(serviceUserId)}`, { headers: bearer(accessToken) }),
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

  /** A new key; 409 MAX_SECRET_KEYS at BioT's cap. */
  async createSecretKey(serviceUserId: string, accessToken: string): Promise<CreatedSecretKey> {
    const answer = await this.call<Partial<CreatedSecretKey>>(CREATE_KEY, () =>
      this.http.post(`ums/v2/services/${encodeURIComponent(serviceUserId)}/secret-keys`, {
        headers: bearer(accessToken),
        retry: 0,
      }),
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
      await this.call(DELETE_KEY, () =>
        this.http.delete(
          `ums/v2/services/${encodeURIComponent(serviceUserId)}/secret-keys/${encodeURIComponent(keyId)}`,
          { headers: bearer(accessToken) },
        ),
      );
      return 'deleted';
    } catch (error) {
      if (error instanceof BiotApiError && error.code === 'SECRET_KEY_ID_NOT_FOUND') return 'absent';
      throw error;
    }
  }

  private async call<T>(route: string, send: () => Promise<Response>): Promise<T | undefined> {
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      throw await this.toBiotError(error, route);
    }
    const text = await response.text();
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new BiotApiError(response.status, 'INVALID_JSON', route, 'the answer is not JSON');
    }
  }

  private async toBiotError(error: unknown, route: string): Promise<Error> {
    if (error instanceof HTTPError) {
      const body = await errorBody(error.response);
      return new BiotApiError(error.response.status, body.code, route, body.message);
    }
    if (error instanceof TimeoutError) return new BiotTimeoutError(route, this.timeoutMs, { cause: error });
    return new BiotUnreachableError(route, this.options.baseUrl, { cause: error });
  }
}

function bearer(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}` };
}

/** BioT's error body `{code, message, ...}` (contract §2.5); a proxy's HTML page has neither. */
async function errorBody(response: Response): Promise<{ code?: string; message?: string }> {
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown };
    return {
      ...(typeof body.code === 'string' ? { code: body.code.slice(0, 100) } : {}),
      ...(typeof body.message === 'string' ? { message: body.message.slice(0, 300) } : {}),
    };
  } catch {
    return {};
  }
}
