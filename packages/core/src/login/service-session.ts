import { ConfigurationError, ServiceLoginError } from '../errors.js';
import type { SecretSource } from '../secret/secret-source.js';
import type { AccessToken, LoginContext } from './service-login.js';

export interface ServiceSessionOptions {
  serviceUserId: string | undefined;
  secrets: SecretSource | undefined;
  login: (credentials: { id: string; secretKey: string }, context: LoginContext) => Promise<AccessToken>;
  now?: () => number;
  /** Told every secret value the session holds (the key, the access tokens), for log scrubbing. */
  onSecret?: (value: string) => void;
}

interface CachedToken {
  value: string;
  refreshAt: number;
}

/** Used when BioT's expiration cannot be parsed: short enough to be harmless. */
const FALLBACK_LIFETIME_MS = 5 * 60_000;
/** Re-login this long before expiry (the samples use 60 s, BIOT-CONTRACT.md §4), at most a quarter of the lifetime. */
const SAFETY_MARGIN_MS = 60_000;

/**
 * The plugin's logged-in identity in BioT. Logs in lazily (a hook that calls nothing costs no
 * login), caches the token until shortly before `accessTokenExpiration`, and makes concurrent
 * callers share one login in flight. When BioT rejects the secret (401/403), the secret is read
 * again bypassing every cache and the login retried once: that is what carries the plugin
 * across a rotation of its secret.
 */
export class ServiceSession {
  private cached: CachedToken | undefined;
  private inFlight: Promise<string> | undefined;
  /** The read `prepare` started: settled, whatever its outcome. */
  private secretRead: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ServiceSessionOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Starts reading the secret, unless a token or a read is already there: a cold container calls
   * this as an invocation starts, so that the read (a Secrets Manager request) runs alongside the
   * fetch of BioT's key instead of after it, inside the hook's first BioT call. It never logs in
   * (no call to BioT as the service user before the caller's token is verified) and never fails:
   * an error is the login's to report, which reads again.
   */
  prepare(): void {
    const { secrets } = this.options;
    if (this.cached || this.inFlight || this.secretRead || !secrets) return;
    this.secretRead = secrets.read({ forceFetch: false }).then(
      (secret) => this.options.onSecret?.(secret.secretKey),
      () => {
        this.secretRead = undefined;
      },
    );
  }

  async accessToken(context: LoginContext): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return this.cached.value;
    this.inFlight ??= this.login(context).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Forget a token BioT has just refused (revoked key, expired early). */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  private async login(context: LoginContext): Promise<string> {
    const { serviceUserId, secrets } = this.options;
    if (!serviceUserId) throw new ConfigurationError('BIOT_SERVICE_USER_ID is not set');
    if (!secrets) {
      throw new ConfigurationError(
        'Neither BIOT_SERVICE_USER_SECRET_ARN nor BIOT_SERVICE_USER_SECRET_KEY is set',
      );
    }
    const secret = await secrets.read({ forceFetch: false });
    this.options.onSecret?.(secret.secretKey);
    let token: AccessToken;
    try {
      token = await this.options.login({ id: serviceUserId, secretKey: secret.secretKey }, context);
    } catch (error) {
      if (!isRejectedSecret(error)) throw error;
      const fresh = await secrets.read({ forceFetch: true });
      this.options.onSecret?.(fresh.secretKey);
      if (fresh.secretKey === secret.secretKey) throw error;
      token = await this.options.login({ id: serviceUserId, secretKey: fresh.secretKey }, context);
    }
    this.options.onSecret?.(token.accessToken);
    this.cached = { value: token.accessToken, refreshAt: this.refreshTime(token.accessTokenExpiration) };
    return token.accessToken;
  }

  private refreshTime(expiration: string): number {
    const now = this.now();
    const expiresAt = Date.parse(expiration);
    const lifetime = Number.isFinite(expiresAt) && expiresAt > now ? expiresAt - now : FALLBACK_LIFETIME_MS;
    return now + lifetime - Math.min(SAFETY_MARGIN_MS, lifetime / 4);
  }
}

function isRejectedSecret(error: unknown): boolean {
  return error instanceof ServiceLoginError && error.rejectsKey;
}
