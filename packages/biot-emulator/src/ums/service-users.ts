import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ROOT_ORGANIZATION_ID } from '../entities/entity.js';
import {
  ConflictError,
  EmulatorUsageError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
} from '../errors.js';

/** A service user to create: a plugin's identity towards BioT (BIOT-CONTRACT.md §7). */
export interface ServiceUserSpec {
  id: string;
  /** Generated when absent. */
  secretKey?: string;
  name?: string;
  /** An inactive user cannot log in: 401 SERVICE_LOCKED. Default true. */
  active?: boolean;
}

/** What creating a service user hands back; the secret is shown only here, as in BioT. */
export interface ServiceUserCredentials {
  id: string;
  keyId: string;
  secretKey: string;
}

/** A secret key as `GET /ums/v2/services/{id}` lists it: never its value (BIOT-CONTRACT.md §7). */
export interface SecretKeyView {
  id: string;
  creationTime: string;
}

/** A newly added secret key: the only time BioT returns its value. */
export interface CreatedSecretKey extends SecretKeyView {
  secretKey: string;
}

/** The `GET /ums/v2/services/{id}` answer (examples/service-user-get-response). */
export interface ServiceUserView {
  name: string;
  type: 'INTERNAL_SERVICE';
  roleId: string;
  ownerOrganizationId: string;
  active: boolean;
  accessTokenExpirationInMinutes: number;
  id: string;
  secretKeys: SecretKeyView[];
}

interface StoredSecretKey extends SecretKeyView {
  /** SHA-256 of the secret: like BioT, the emulator can check a secret but never show it again. */
  readonly digest: Buffer;
}

interface ServiceUser {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
  readonly secretKeys: StoredSecretKey[];
}

export interface DirectorySettings {
  maxSecretKeys: number;
  accessTokenExpirationInMinutes: number;
}

const PLUGIN_ROLE_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

/** The service users BioT knows, with their secret keys (UMS, BIOT-CONTRACT.md §7). */
export class ServiceUserDirectory {
  readonly #users = new Map<string, ServiceUser>();

  constructor(private readonly settings: DirectorySettings) {}

  add(spec: ServiceUserSpec): ServiceUserCredentials {
    if (typeof spec.id !== 'string' || spec.id === '') {
      throw new EmulatorUsageError('A service user needs a non-empty string id');
    }
    if (spec.secretKey !== undefined && (typeof spec.secretKey !== 'string' || spec.secretKey === '')) {
      throw new EmulatorUsageError(`Service user ${spec.id}: secretKey must be a non-empty string`);
    }
    if (spec.name !== undefined && typeof spec.name !== 'string') {
      throw new EmulatorUsageError(`Service user ${spec.id}: name must be a string`);
    }
    if (spec.active !== undefined && typeof spec.active !== 'boolean') {
      throw new EmulatorUsageError(`Service user ${spec.id}: active must be a boolean`);
    }
    if (this.#users.has(spec.id)) throw new EmulatorUsageError(`Service user ${spec.id} already exists`);
    const secretKey = spec.secretKey ?? newSecret();
    const key = storedKey(secretKey);
    this.#users.set(spec.id, {
      id: spec.id,
      name: spec.name ?? `service-user-${spec.id.slice(0, 8)}`,
      active: spec.active ?? true,
      secretKeys: [key],
    });
    return { id: spec.id, keyId: key.id, secretKey };
  }

  view(id: string): ServiceUserView | undefined {
    const user = this.#users.get(id);
    if (user === undefined) return undefined;
    return {
      name: user.name,
      type: 'INTERNAL_SERVICE',
      roleId: PLUGIN_ROLE_ID,
      ownerOrganizationId: ROOT_ORGANIZATION_ID,
      active: user.active,
      accessTokenExpirationInMinutes: this.settings.accessTokenExpirationInMinutes,
      id: user.id,
      secretKeys: user.secretKeys.map(({ id: keyId, creationTime }) => ({ id: keyId, creationTime })),
    };
  }

  views(): ServiceUserView[] {
    return [...this.#users.keys()].flatMap((id) => this.view(id) ?? []);
  }

  isActive(id: string): boolean {
    return this.#users.get(id)?.active === true;
  }

  hasSecretKey(id: string, keyId: string): boolean {
    return this.#users.get(id)?.secretKeys.some((key) => key.id === keyId) === true;
  }

  /** `POST /ums/v2/services/{id}/secret-keys`; 409 MAX_SECRET_KEYS at the cap (BIOT-CONTRACT.md §7). */
  createSecretKey(id: string): CreatedSecretKey {
    const user = this.#existing(id);
    if (user.secretKeys.length >= this.settings.maxSecretKeys) {
      throw new ConflictError(
        'MAX_SECRET_KEYS',
        `Service user ${id} already has the maximum number of secret keys`,
        {
          serviceId: id,
          maxSecretKeys: this.settings.maxSecretKeys,
        },
      );
    }
    const secretKey = newSecret();
    const key = storedKey(secretKey);
    user.secretKeys.push(key);
    return { id: key.id, creationTime: key.creationTime, secretKey };
  }

  /** `DELETE /ums/v2/services/{id}/secret-keys/{keyId}` (BIOT-CONTRACT.md §7). */
  deleteSecretKey(id: string, keyId: string): void {
    const user = this.#existing(id);
    const index = user.secretKeys.findIndex((key) => key.id === keyId);
    if (index === -1) {
      throw new NotFoundError('SECRET_KEY_ID_NOT_FOUND', `Service user ${id} has no secret key ${keyId}`, {
        serviceId: id,
        secretKeyId: keyId,
      });
    }
    user.secretKeys.splice(index, 1);
  }

  /**
   * Checks a login. Unknown id and wrong key look alike (403 LOGIN_FAILED) so the answer does not
   * reveal which ids exist; only a caller with the right key learns the user is locked (401).
   */
  authenticate(id: string, secretKey: string): { keyId: string } {
    const user = this.#users.get(id);
    const digest = sha256(secretKey);
    const key = user?.secretKeys.find((candidate) => timingSafeEqual(candidate.digest, digest));
    if (user === undefined || key === undefined) {
      throw new ForbiddenError('LOGIN_FAILED', 'Login failed: unknown service user or wrong secret key');
    }
    if (!user.active) {
      throw new UnauthorizedError('SERVICE_LOCKED', `Service user ${id} is not active`, { serviceId: id });
    }
    return { keyId: key.id };
  }

  #existing(id: string): ServiceUser {
    const user = this.#users.get(id);
    if (user === undefined) {
      throw new NotFoundError('SERVICE_USER_NOT_FOUND', `Service user ${id} not found`, { serviceId: id });
    }
    return user;
  }
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function storedKey(secretKey: string): StoredSecretKey {
  return { id: randomUUID(), creationTime: new Date().toISOString(), digest: sha256(secretKey) };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
