import { parseServiceSecret } from '@biot-plugin/core';
import {
  decodeRotationFailure,
  oldestFirst,
  ROTATION_FAILURE_TAG,
  type SecretDescription,
  STAGE,
  versionWithStage,
} from '@biot-plugin/rotation';
import { OpsError } from '../errors.js';
import { clock } from '../io.js';
import {
  type CommandContext,
  deployHint,
  describeSecret,
  formatDate,
  listBiotKeys,
  onSecret,
  relative,
  targetFlags,
} from './command-context.js';
import { keyIdOf } from './rotate.js';

/**
 * Versions and stages, the rotation schedule, last and next rotation, the last failure, and the
 * BioT key ids of the service user with the current and previous ones marked. Ends with what needs
 * attention; exits 1 when anything does.
 */
export async function secretStatus(context: CommandContext): Promise<void> {
  const { io, store } = context;
  const out = (line = '') => io.stdout.write(`${line}\n`);
  const attention: string[] = [];
  const flags = targetFlags(context.args);
  const now = clock(io)();
  const description = await describeSecret(context);

  out(`Secret    ${description.name}`);
  out(`          ${description.arn} (from ${context.target.source})`);
  out(`Rotation  ${schedule(description)}`);
  if (description.rotationEnabled) {
    out(
      `  last    ${formatDate(description.lastRotatedDate)} ${relative(description.lastRotatedDate, now)}`.trimEnd(),
    );
    out(
      `  next    ${formatDate(description.nextRotationDate)} ${relative(description.nextRotationDate, now)}`.trimEnd(),
    );
  } else {
    attention.push(
      `Rotation is not configured: deploy the stack with its rotation schedule (${deployHint(context)}).`,
    );
  }
  const failure = decodeRotationFailure(description.tags.get(ROTATION_FAILURE_TAG));
  if (failure) {
    out(`  failed  ${failure.step} of version ${failure.versionId}: ${failure.code} ${failure.message}`);
    attention.push(
      `The last rotation failed in ${failure.step} (${failure.code}). Fix the cause, then \`pnpm ops rotate ${flags} --discard-pending\`.`,
    );
  }

  out();
  out('Versions');
  const versions = await onSecret('list the secret versions', () => store.listVersions());
  const labelled = versions
    .filter((version) => version.stages.length > 0)
    .sort((a, b) => stageRank(a.stages) - stageRank(b.stages));
  const keyIds = new Map<string, string>();
  for (const version of labelled) {
    const keyId = keyIdOf(await store.readValue({ versionId: version.versionId }).catch(() => undefined));
    keyIds.set(version.versionId, keyId);
    out(
      `  ${version.versionId}  ${version.stages.join(', ').padEnd(22)}  key ${keyId}  created ${formatDate(version.createdDate)}`,
    );
  }
  const pending = versionWithStage(description, STAGE.pending);
  const current = versionWithStage(description, STAGE.current);
  if (pending !== undefined && pending !== current) {
    attention.push(
      `Version ${pending} is AWSPENDING: a rotation is running or did not finish. If it failed, fix the cause and ` +
        `run \`pnpm ops rotate ${flags} --discard-pending\`.`,
    );
  }

  out();
  const currentRaw = await store.readValue({ stage: STAGE.current });
  const currentSecret = usable(currentRaw);
  if (!currentSecret) {
    out('BioT      not checked: the secret holds no key yet');
    attention.push(`The secret holds the placeholder: set the key with \`pnpm ops secret-set ${flags}\`.`);
  } else {
    await reportBiotKeys(context, description, currentSecret, keyIds, attention, out);
  }

  if (attention.length > 0) {
    out();
    out('Needs attention');
    for (const line of attention) out(`  - ${line}`);
    throw new OpsError(
      `${attention.length} thing${attention.length === 1 ? '' : 's'} need${attention.length === 1 ? 's' : ''} attention (above).`,
    );
  }
  out();
  out('All well.');
}

async function reportBiotKeys(
  context: CommandContext,
  description: SecretDescription,
  currentSecret: { keyId?: string; secretKey: string },
  keyIds: Map<string, string>,
  attention: string[],
  out: (line?: string) => unknown,
): Promise<void> {
  const { baseUrl, serviceUserId, keys } = await listBiotKeys(context, currentSecret.secretKey);
  const previous = versionWithStage(description, STAGE.previous);
  const pending = versionWithStage(description, STAGE.pending);
  const roles = new Map<string, string>();
  if (pending && keyIds.get(pending)) roles.set(keyIds.get(pending) as string, 'pending (being rotated in)');
  if (previous && keyIds.get(previous)) roles.set(keyIds.get(previous) as string, 'previous');
  if (currentSecret.keyId) roles.set(currentSecret.keyId, 'current');
  out(
    `BioT      service user ${serviceUserId} at ${baseUrl}: ${keys.length} key${keys.length === 1 ? '' : 's'}`,
  );
  for (const key of oldestFirst(keys)) {
    out(
      `  ${key.id}  created ${key.creationTime || 'unknown'}  ${roles.get(key.id) ?? 'leftover: the next rotation deletes it'}`,
    );
  }
  if (!currentSecret.keyId || !keys.some((key) => key.id === currentSecret.keyId)) {
    attention.push(
      `The current key logs in, but BioT lists no key ${currentSecret.keyId ?? '(no keyId in the secret)'}; the next ` +
        `rotation would refuse to run. Store the right key id with \`pnpm ops secret-set ${targetFlags(context.args)} --replace\`.`,
    );
  }
}

/** AWSPENDING, AWSCURRENT, AWSPREVIOUS: newest first, whatever the clock says. */
function stageRank(stages: readonly string[]): number {
  if (stages.includes(STAGE.pending) && !stages.includes(STAGE.current)) return 0;
  if (stages.includes(STAGE.current)) return 1;
  if (stages.includes(STAGE.previous)) return 2;
  return 3;
}

function schedule(description: SecretDescription): string {
  if (!description.rotationEnabled) return 'not configured';
  const rules = description.rotationRules;
  const every =
    rules?.scheduleExpression ??
    (rules?.automaticallyAfterDays ? `every ${rules.automaticallyAfterDays} days` : 'enabled');
  return `${every}${rules?.duration ? ` (window ${rules.duration})` : ''}`;
}

function usable(raw: string | undefined): { keyId?: string; secretKey: string } | undefined {
  if (raw === undefined) return undefined;
  try {
    return parseServiceSecret(raw);
  } catch {
    return undefined;
  }
}
