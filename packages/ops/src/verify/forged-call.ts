import { generateKeyPair, randomUUID, sign } from 'node:crypto';
import { promisify } from 'node:util';
import type { CheckResult } from './check-result.js';

const generateRsaKeyPair = promisify(generateKeyPair);

/** How long the Function URL gets to answer: a cold start plus BioT's key fetch, with room to spare. */
export const URL_TIMEOUT_MS = 30_000;

/** What a plugin answers a token that fails its signature check (the runtime's AuthError). */
const BAD_SIGNATURE_CODE = 'JWT_INVALID';

/**
 * Check (a): the Function URL as BioT calls it, with a notification whose token is exactly like
 * BioT's (RS512, BioT's claims and scope) but signed by a key made here and thrown away, which
 * BioT never had. The plugin must answer BioT's error body, 401 JWT_INVALID: that proves the URL
 * is public (no IAM auth, the public invoke permission in place), the function starts, reaches
 * BioT for its key and checks tokens. The body has the NOTIFICATION shape, so the runtime gets as
 * far as the token (a malformed body would be refused earlier, 400, proving less).
 */
export async function checkForgedCall(
  functionUrl: string,
  options: { timeoutMs?: number } = {},
): Promise<CheckResult> {
  const timeoutMs = options.timeoutMs ?? URL_TIMEOUT_MS;
  const token = await forgeNotificationToken();
  const started = performance.now();
  let answer: Response;
  let text: string;
  try {
    answer = await fetch(functionUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', hooktype: 'NOTIFICATION' },
      body: JSON.stringify(notificationBody(token)),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    text = await answer.text();
  } catch (error) {
    return unreachable(functionUrl, error, timeoutMs);
  }
  const ms = Math.round(performance.now() - started);
  return judge(answer.status, answer.headers, text, ms);
}

/** The answer, judged: only BioT's 401 JWT_INVALID passes; everything else says what it means. */
export function judge(status: number, headers: Headers, text: string, ms: number): CheckResult {
  const biot = biotErrorBody(text);
  const said = biot ? `${status} ${biot.code}: ${biot.message}` : `${status}${bodyHint(text)}`;
  if (status === 401 && biot?.code === BAD_SIGNATURE_CODE) {
    return {
      ok: true,
      summary: `refused a forged token with 401 ${BAD_SIGNATURE_CODE} in ${ms} ms: the URL is public, the runtime starts and checks BioT's signature`,
    };
  }
  const fail = (summary: string, hint: string): CheckResult => ({ ok: false, summary, hint });
  if (status >= 200 && status < 300) {
    return fail(
      `ACCEPTED a token BioT never signed (${status}): anyone who finds this URL can call the plugin.`,
      'Token checks are off (BIOT_SHOULD_VALIDATE_JWT=false) or the URL does not lead to the plugin runtime. ' +
        'Remove the setting from the environment config and deploy.',
    );
  }
  if (status === 403 && !biot) {
    return fail(
      `AWS refused the call before the function ran (${said}).`,
      "The Function URL must have auth type NONE and the public lambda:InvokeFunctionUrl permission (BioT cannot sign AWS's SigV4); " +
        'redeploy the stack (infra/README.md), and check no SCP or permissions boundary removes the permission.',
    );
  }
  if (status === 404 && !biot) {
    return fail(
      `No function answers at this URL (${said}).`,
      'The FunctionUrl output is stale or the URL was deleted: deploy the stack again.',
    );
  }
  if (status === 429) {
    return fail(
      `The function is throttled (${said}).`,
      'Its reserved concurrency is 0 or used up (reservedConcurrency in the environment config; the Throttles alarm).',
    );
  }
  if (biot) {
    return fail(
      `The plugin answered ${said}, not 401 ${BAD_SIGNATURE_CODE}.`,
      runtimeHint(biot.code, status),
    );
  }
  if (status >= 500) {
    return fail(
      `The function failed before the runtime could answer (${said}).`,
      "An init error, a handler that is not the runtime, or a crash or timeout at start: see the function's log group (LogGroupName output).",
    );
  }
  return fail(
    `Unexpected answer ${said}, not BioT's error body with 401 ${BAD_SIGNATURE_CODE}.`,
    `Is this URL the plugin's? ${headers.get('x-amzn-requestid') ? '' : 'The answer carries no x-amzn-requestid, so Lambda did not send it. '}Check the FunctionUrl output.`,
  );
}

/** What the runtime's own refusal means here. */
function runtimeHint(code: string, status: number): string {
  switch (code) {
    case 'PUBLIC_KEY_UNAVAILABLE':
      return "The plugin could not fetch BioT's public key: check BIOT_BASE_URL (biotBaseUrl in the environment config) and that the function can reach BioT.";
    case 'PLUGIN_MISCONFIGURED':
      return 'A setting of the function is missing or unusable (the message names it): fix the environment config and deploy.';
    case 'INVALID_EVENT':
    case 'UNKNOWN_HOOK_TYPE':
      return "The plugin did not take BioT's NOTIFICATION shape: its runtime is not this repository's, or an old one. Deploy again.";
    case 'JWT_MISSING':
    case 'JWT_EXPIRED':
      return 'The runtime did not read the token as BioT sends it: deploy the current runtime.';
    default:
      return status < 500
        ? 'A forged token must be refused for its signature before anything else: check the plugin runtime.'
        : "See the function's log group (LogGroupName output) for the invocation with this traceId.";
  }
}

function unreachable(url: string, error: unknown, timeoutMs: number): CheckResult {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return {
      ok: false,
      summary: `No answer from ${url} in ${timeoutMs / 1000} s.`,
      hint: "The function hangs at start or waits on BioT: see its log group (LogGroupName output) and Lambda's Duration metric.",
    };
  }
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return {
    ok: false,
    summary: `Could not reach ${url} (${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}).`,
    hint: 'Check the FunctionUrl output (deploy the stack if it changed) and your network.',
  };
}

interface BiotErrorBody {
  code: string;
  message: string;
}

/** BioT's error body (BIOT-CONTRACT.md §2.5): code, message, serviceName, traceId, environment, details. */
function biotErrorBody(text: string): BiotErrorBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const body = json as Record<string, unknown>;
  const strings = ['code', 'message', 'serviceName', 'traceId', 'environment'];
  if (!strings.every((key) => typeof body[key] === 'string')) return undefined;
  if (typeof body.details !== 'object' || body.details === null) return undefined;
  return { code: body.code as string, message: body.message as string };
}

/** A short look at a body that is not BioT's: AWS's own `{"Message":"Forbidden"}`, say. */
function bodyHint(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return '';
  return ` ${trimmed.length > 120 ? `${trimmed.slice(0, 120)}…` : trimmed}`;
}

/** A NOTIFICATION body as BioT sends one (BIOT-CONTRACT.md §1.3), about an entity that does not exist. */
function notificationBody(jwt: string): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    metadata: {
      entityTypeName: 'patient',
      actionName: '_update',
      status: 'SUCCESS',
      startTime: now,
      endTime: now,
      traceId: randomUUID().replaceAll('-', ''),
    },
    data: { entity: { _id: randomUUID() } },
    jwt,
  };
}

/**
 * A token exactly like BioT's (RS512, header `{"alg":"RS512"}`, BioT's service-token claims and the
 * notification scope, BIOT-CONTRACT.md §3) signed with a key made for this call and then dropped.
 */
async function forgeNotificationToken(): Promise<string> {
  const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = {
    serviceUserId: randomUUID(),
    scopes: ['ACTION_NOTIFICATION'],
    tokenType: 'SERVICE_INTERNAL',
    jti: randomUUID(),
    exp: Math.floor(Date.now() / 1000) + 300,
  };
  const signingInput = `${encode({ alg: 'RS512' })}.${encode(claims)}`;
  return `${signingInput}.${sign('sha512', Buffer.from(signingInput), privateKey).toString('base64url')}`;
}
