import { generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { errors, importSPKI, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { importBiotPublicKey, type VerificationKey } from '../../src/auth/public-key.js';
import { JwtRejection, verifyRs512Jwt } from '../../src/auth/rs512-jwt.js';
import { newSigningKey, type SigningKey } from '../support/signing-keys.js';
import { thrown } from '../support/thrown.js';

// Judged at a fixed instant so jose and our verifier see the same clock.
const NOW = new Date('2026-11-28T12:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const OPTIONS = { clockToleranceSeconds: 30, currentDate: NOW };

let biotKey: SigningKey;
let foreignKey: SigningKey;
let verificationKey: VerificationKey;

beforeAll(async () => {
  [biotKey, foreignKey] = await Promise.all([newSigningKey(), newSigningKey()]);
  verificationKey = importBiotPublicKey(biotKey.publicKeyBase64);
});

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS over any header and payload, RS512-signed (whatever the header claims). */
function compact(header: unknown, payload: unknown, key: SigningKey = biotKey): string {
  const signingInput = `${encode(header)}.${typeof payload === 'string' ? Buffer.from(payload).toString('base64url') : encode(payload)}`;
  return `${signingInput}.${sign('sha512', Buffer.from(signingInput), key.privateKey).toString('base64url')}`;
}

const rejectionOf = (run: () => unknown) => thrown(JwtRejection, run);

const verify = (token: string) => verifyRs512Jwt(token, verificationKey, OPTIONS);

describe('verifyRs512Jwt', () => {
  it('returns the claims of a token BioT signed with RS512', () => {
    const claims = { exp: NOW_SECONDS + 60, scopes: ['ACTION_NOTIFICATION'] };
    expect(verify(compact({ alg: 'RS512' }, claims))).toEqual(claims);
  });

  it.each([
    ['RS256', 'algorithm'],
    ['HS512', 'algorithm'],
    ['none', 'algorithm'],
    [undefined, 'algorithm'],
  ])('refuses a header whose alg is %s before any crypto runs', (alg, reason) => {
    expect(rejectionOf(() => verify(compact({ alg }, { exp: NOW_SECONDS + 60 })))).toMatchObject({ reason });
  });

  it('refuses a token that names critical extensions it cannot understand', () => {
    const token = compact({ alg: 'RS512', crit: ['b64'], b64: false }, { exp: NOW_SECONDS + 60 });
    expect(rejectionOf(() => verify(token))).toMatchObject({ reason: 'malformed' });
  });

  it('refuses an unsigned token (empty signature part)', () => {
    const token = `${encode({ alg: 'RS512' })}.${encode({ exp: NOW_SECONDS + 60 })}.`;
    expect(rejectionOf(() => verify(token))).toMatchObject({ reason: 'malformed' });
  });

  it('refuses a token signed by another key as a bad signature', () => {
    const token = compact({ alg: 'RS512' }, { exp: NOW_SECONDS + 60 }, foreignKey);
    expect(rejectionOf(() => verify(token))).toMatchObject({ reason: 'signature' });
  });

  it('judges exp with the tolerance: 29 s late passes, 30 s late is expired', () => {
    expect(verify(compact({ alg: 'RS512' }, { exp: NOW_SECONDS - 29 }))).toBeDefined();
    const late = compact({ alg: 'RS512' }, { exp: NOW_SECONDS - 30 });
    expect(rejectionOf(() => verify(late))).toMatchObject({ reason: 'expired' });
  });

  it('refuses a token that is not valid yet (nbf beyond the tolerance)', () => {
    const token = compact({ alg: 'RS512' }, { exp: NOW_SECONDS + 600, nbf: NOW_SECONDS + 31 });
    expect(rejectionOf(() => verify(token))).toMatchObject({ reason: 'claims' });
  });

  it.each([
    ['without exp', { scopes: [] }],
    ['with a string exp', { exp: String(NOW_SECONDS + 60) }],
    ['with a string iat', { exp: NOW_SECONDS + 60, iat: 'yesterday' }],
  ])('refuses a signed token %s', (_, claims) => {
    expect(rejectionOf(() => verify(compact({ alg: 'RS512' }, claims)))).toMatchObject({ reason: 'claims' });
  });

  it.each([
    ['a JSON array', [1, 2]],
    ['not JSON', 'exp=tomorrow'],
  ])('refuses a signed payload that is %s', (_, payload) => {
    expect(rejectionOf(() => verify(compact({ alg: 'RS512' }, payload)))).toMatchObject({
      reason: 'malformed',
    });
  });

  it('agrees with jose on every token, signed or tampered, valid or not', async () => {
    const joseKey = await importSPKI(biotKey.publicKeyPem, 'RS512');
    const numericDate = fc.integer({ min: -120, max: 120 }).map((offset) => NOW_SECONDS + offset);
    const claimValue = fc.oneof(numericDate, fc.constant(undefined), fc.string(), fc.constant(null));
    const claims = fc.record(
      {
        exp: fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: -240, max: 120 }).map((offset) => NOW_SECONDS + offset) },
          { weight: 1, arbitrary: claimValue },
        ),
        nbf: claimValue,
        iat: claimValue,
        scopes: fc.array(fc.string(), { maxLength: 3 }),
        extra: fc.jsonValue(),
      },
      { requiredKeys: ['scopes'] },
    );
    const header = fc.oneof(
      { weight: 6, arbitrary: fc.constant({ alg: 'RS512' }) },
      fc.constant({ alg: 'RS512', typ: 'JWT', kid: 'k1' }),
      fc.constantFrom({ alg: 'RS256' }, { alg: 'HS512' }, { alg: 'none' }, {}),
    );
    const tamper = fc.oneof(
      { weight: 4, arbitrary: fc.constant('none' as const) },
      fc.constantFrom('foreign key' as const, 'drop signature' as const, 'truncate' as const),
      fc.record({
        part: fc.integer({ min: 0, max: 2 }),
        at: fc.nat(),
        to: fc.constantFrom('A', 'x', '_', '-'),
      }),
    );

    const verdicts = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(header, claims, tamper, async (h, c, how) => {
        const token = tampered(compact(h, c, how === 'foreign key' ? foreignKey : biotKey), how);
        const theirs = await jwtVerify(token, joseKey, {
          algorithms: ['RS512'],
          requiredClaims: ['exp'],
          clockTolerance: 30,
          currentDate: NOW,
        }).then(
          ({ payload }) => ({ accepted: true as const, payload }),
          (error: unknown) => ({ accepted: false as const, kind: joseKind(error) }),
        );
        let ours: { accepted: true; payload: unknown } | { accepted: false; kind: string };
        try {
          ours = { accepted: true, payload: verify(token) };
        } catch (error) {
          ours = { accepted: false, kind: ourKind(error) };
        }
        expect(ours).toEqual(theirs);
        const verdict = theirs.accepted ? 'accepted' : theirs.kind;
        verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
      }),
      { numRuns: 400 },
    );
    // The comparison means something only if every verdict came up often enough.
    for (const verdict of ['accepted', 'expired', 'invalid']) {
      expect(verdicts.get(verdict) ?? 0, verdict).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('importBiotPublicKey', () => {
  it('reads BioT’s one-line base64 DER and a PEM with escaped newlines as the same key', () => {
    const escaped = biotKey.publicKeyPem.trim().replace(/\n/g, '\\n');
    const fromPem = importBiotPublicKey(escaped);
    expect(fromPem.equals(importBiotPublicKey(biotKey.publicKeyBase64))).toBe(true);
  });

  it('refuses an RSA key shorter than 2048 bits', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => importBiotPublicKey(pem)).toThrow(/1024 bits/);
  });

  it('refuses a key that is not RSA', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(() => importBiotPublicKey(der)).toThrow(/RSA/);
  });
});

type Tamper =
  | 'none'
  | 'foreign key'
  | 'drop signature'
  | 'truncate'
  | { part: number; at: number; to: string };

function tampered(token: string, how: Tamper): string {
  if (how === 'none' || how === 'foreign key') return token;
  if (how === 'drop signature') return token.slice(0, token.lastIndexOf('.') + 1);
  if (how === 'truncate') return token.slice(0, -4);
  const parts = token.split('.');
  const part = parts[how.part] ?? '';
  const at = how.at % Math.max(1, part.length);
  parts[how.part] = part.slice(0, at) + how.to + part.slice(at + 1);
  return parts.join('.');
}

/**
 * The verdicts that reach BioT: JWT_EXPIRED or JWT_INVALID. (Bad signature versus malformed only
 * decides whether refetching BioT's key is worth a try, and there we are stricter than jose: an
 * empty signature is malformed, so unsigned tokens never cause a refetch.)
 */
function joseKind(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JOSEError) return 'invalid';
  throw error;
}

function ourKind(error: unknown): string {
  if (!(error instanceof JwtRejection)) throw error;
  return error.reason === 'expired' ? 'expired' : 'invalid';
}
