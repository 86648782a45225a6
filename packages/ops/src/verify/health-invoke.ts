import { InvokeCommand, type InvokeCommandOutput, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  HEALTH_CHECK_EVENT,
  HEALTH_CHECK_KEY,
  HEALTH_CHECK_VERSION,
  type HealthCheckReport,
  type HealthCheckStep,
} from '@biot-plugin/runtime';
import { explainAwsError } from '../aws/aws-errors.js';
import { OpsError } from '../errors.js';
import type { CheckResult } from './check-result.js';

/** What to do when a step fails; `flags` name the plugin as the operator did (`--env dev --plugin x`). */
const STEP_HINTS: Readonly<Record<HealthCheckStep['name'], (flags: string) => string>> = {
  secret: (flags) =>
    `The function cannot read its service-user secret: \`pnpm ops secret-status ${flags}\` shows it; a placeholder ` +
    `needs \`pnpm ops secret-set ${flags}\`, an AccessDeniedException the function role's secretsmanager:GetSecretValue.`,
  publicKey: () =>
    "The function cannot fetch BioT's public key: check BIOT_BASE_URL (biotBaseUrl in the environment config) and the function's network path to BioT.",
  login: (flags) =>
    "BioT refused the service user's login: check BIOT_SERVICE_USER_ID (serviceUserId in the environment config), then " +
    `set a working key with \`pnpm ops secret-set ${flags} --replace --verify\`.`,
};

/**
 * Check (b): invokes the plugin function directly (Lambda Invoke, as EventBridge Scheduler does,
 * IAM-authorised) with the runtime's health check event. The function reads its secret, fetches
 * BioT's key and logs in, each step fresh, and answers a report per step (never a secret, key or
 * token); it runs no hook.
 */
export async function checkHealth(
  lambda: LambdaClient,
  functionName: string,
  flags: string,
): Promise<CheckResult> {
  const started = performance.now();
  let answer: InvokeCommandOutput;
  try {
    answer = await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify(HEALTH_CHECK_EVENT)),
      }),
    );
  } catch (error) {
    return invokeFailed(error, functionName);
  }
  const ms = Math.round(performance.now() - started);
  const payload = answer.Payload ? new TextDecoder().decode(answer.Payload) : '';
  if (answer.FunctionError) {
    const { errorType, errorMessage } = parse(payload) as { errorType?: string; errorMessage?: string };
    return {
      ok: false,
      summary: `The function failed (${answer.FunctionError}): ${errorType ?? 'Error'}: ${shorten(errorMessage ?? payload)}`,
      hint: "An init error or a crash outside the runtime's pipeline: see the function's log group (LogGroupName output).",
    };
  }
  const result = parse(payload) as { statusCode?: unknown; body?: unknown } | undefined;
  const body = typeof result?.body === 'string' ? parse(result.body) : undefined;
  const report = healthReport(body);
  if (report === undefined) {
    const refusal = body as { code?: unknown; message?: unknown } | undefined;
    if (typeof refusal?.code === 'string') {
      return {
        ok: false,
        summary: `The plugin refused the health check: ${String(result?.statusCode)} ${refusal.code}: ${shorten(String(refusal.message))}`,
        hint:
          refusal.code === 'PLUGIN_MISCONFIGURED'
            ? 'A setting of the function is missing or unusable (the message names it): fix the environment config and deploy.'
            : 'Deploy the current runtime: it answers {"biotPluginHealthCheck": 1} with a report.',
      };
    }
    return {
      ok: false,
      summary: `The function answered without a health report (${shorten(payload)}).`,
      hint: 'Its runtime predates the health check, or its handler is not the runtime: deploy the current version.',
    };
  }
  const failed = report.steps.filter((step) => !step.ok && step.code !== 'SKIPPED');
  const detail = report.steps.map(stepLine);
  if (report.ok) {
    return {
      ok: true,
      summary: `direct invocation of ${functionName}: secret, BioT's key and login work (${ms} ms)`,
      detail,
    };
  }
  return {
    ok: false,
    summary: `direct invocation of ${functionName}: ${failed.map((step) => step.name).join(', ')} failed`,
    hint: failed.map((step) => STEP_HINTS[step.name](flags)).join('\n'),
    detail,
  };
}

function stepLine(step: HealthCheckStep): string {
  const status = step.ok ? 'PASS' : step.code === 'SKIPPED' ? 'SKIP' : 'FAIL';
  const facts = step.details
    ? ` (${Object.entries(step.details)
        .map(([key, value]) => `${key} ${String(value)}`)
        .join(', ')})`
    : '';
  const what = step.ok ? (step.message ?? '') : `${step.code ?? 'FAILED'}: ${step.message ?? ''}${facts}`;
  return `${status}  ${step.name.padEnd(10)} ${String(step.ms).padStart(5)} ms  ${what}`;
}

function invokeFailed(error: unknown, functionName: string): CheckResult {
  const explained = explainAwsError(error, `invoke function ${functionName}`);
  if (explained instanceof OpsError) {
    return {
      ok: false,
      summary: explained.message,
      hint: `${explained.hint ?? ''} The direct invocation needs lambda:InvokeFunction on the plugin function.`.trim(),
    };
  }
  const name = error instanceof Error ? error.name : 'Error';
  if (name === 'ResourceNotFoundException') {
    return {
      ok: false,
      summary: `Function ${functionName} does not exist.`,
      hint: 'The LiveAliasArn output is stale: deploy the stack again.',
    };
  }
  if (name === 'TooManyRequestsException') {
    return {
      ok: false,
      summary: `The function is throttled (${name}).`,
      hint: 'Its reserved concurrency is 0 or used up (reservedConcurrency in the environment config).',
    };
  }
  return {
    ok: false,
    summary: `Lambda refused the invocation: ${name}: ${shorten(error instanceof Error ? error.message : String(error))}`,
  };
}

function healthReport(body: unknown): HealthCheckReport | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const report = body as Partial<HealthCheckReport>;
  if (report[HEALTH_CHECK_KEY] !== HEALTH_CHECK_VERSION || !Array.isArray(report.steps)) return undefined;
  return report as HealthCheckReport;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function shorten(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
