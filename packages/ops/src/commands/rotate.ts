import { RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { parseServiceSecret } from '@biot-plugin/core';
import {
  decodeRotationFailure,
  ROTATION_FAILURE_TAG,
  type RotationFailure,
  type SecretDescription,
  STAGE,
  versionWithStage,
} from '@biot-plugin/rotation';
import { OpsError } from '../errors.js';
import { clock, sleeper } from '../io.js';
import { type CommandContext, deployHint, describeSecret, onSecret, targetFlags } from './command-context.js';

const HEARTBEAT_MS = 10_000;
const NO_VALUE = '(no value)';

/**
 * Rotate now: RotateSecret, then follow the rotation by polling DescribeSecret until AWSCURRENT
 * moved to the new version (done) or the rotation function recorded a failure for it (failed),
 * printing each stage move as it is seen.
 */
export async function rotate(context: CommandContext): Promise<void> {
  const { args, io } = context;
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const before = await describeSecret(context);
  if (!before.rotationEnabled) {
    throw new OpsError(
      `Rotation is not configured on ${before.name}: no rotation function or schedule.`,
      `Deploy the plugin's stack, which adds the rotation schedule (\`${deployHint(context)}\`).`,
    );
  }
  await assertRealKey(context);
  const oldCurrent = versionWithStage(before, STAGE.current);
  const oldPrevious = versionWithStage(before, STAGE.previous);
  await clearUnfinishedRotation(context, before);

  const started = clock(io)();
  const answer = await onSecret('start the rotation', () =>
    context.clients.secretsManager.send(
      new RotateSecretCommand({ SecretId: context.target.secretArn, RotateImmediately: true }),
    ),
  );
  const versionId = answer.VersionId as string;
  out(`Rotation started: new version ${versionId} (AWSCURRENT is ${oldCurrent ?? 'none'}).`);

  const elapsed = () => `${((clock(io)() - started) / 1000).toFixed(1)}s`;
  const deadline = started + args.timeoutSeconds * 1000;
  let stored = false;
  let lastNews = clock(io)();
  for (;;) {
    const now = await describeSecret(context);
    const failure = decodeRotationFailure(now.tags.get(ROTATION_FAILURE_TAG));
    if (failure?.versionId === versionId) throw rotationFailed(context, failure, oldCurrent);
    const stages = now.stagesByVersion.get(versionId) ?? [];
    // Judge a lost label only against what the previous poll saw: this poll's description may
    // predate the value read below.
    const storedBefore = stored;
    const visible = stages.includes(STAGE.pending) || stages.includes(STAGE.current);
    const newKeyId = !stored && visible ? await keyIdAt(context, versionId) : NO_VALUE;
    if (newKeyId !== NO_VALUE) {
      stored = true;
      lastNews = clock(io)();
      out(`[${elapsed()}] createSecret done: the new BioT key ${newKeyId} is stored as AWSPENDING.`);
    }
    if (stages.includes(STAGE.current)) {
      out(`[${elapsed()}] finishSecret done: AWSCURRENT moved from ${oldCurrent} to ${versionId}.`);
      break;
    }
    if (storedBefore && !stages.includes(STAGE.pending)) {
      throw new OpsError(
        `Version ${versionId} lost its AWSPENDING label without becoming AWSCURRENT: someone discarded the rotation.`,
        `Check with \`pnpm ops secret-status ${targetFlags(args)}\`.`,
      );
    }
    if (clock(io)() >= deadline) {
      throw new OpsError(
        `The rotation did not finish within ${args.timeoutSeconds} s; it may still be running.`,
        `Follow it with \`pnpm ops secret-status ${targetFlags(args)}\` and the rotation function's logs ` +
          '(its log group), or wait longer with --timeout <seconds>.',
      );
    }
    if (clock(io)() - lastNews >= HEARTBEAT_MS) {
      lastNews = clock(io)();
      out(
        `[${elapsed()}] waiting for the rotation function${stored ? ' (testSecret, finishSecret)' : ' (createSecret)'}...`,
      );
    }
    await sleeper(io)(args.intervalMs);
  }

  out(`Rotation finished in ${elapsed()}. Stage moves:`);
  const moves: Array<[string | undefined, string, string]> = [
    [versionId, 'AWSPENDING  -> AWSCURRENT ', 'the key plugin containers switch to'],
    [oldCurrent, 'AWSCURRENT  -> AWSPREVIOUS', 'stays valid in BioT until the next rotation'],
    [oldPrevious, 'AWSPREVIOUS -> (none)     ', 'deleted in BioT'],
  ];
  for (const [version, move, meaning] of moves) {
    if (version === undefined) continue;
    const keyId = await keyIdAt(context, version);
    out(`  ${version}  ${move}  ${isKeyId(keyId) ? `key ${keyId}: ${meaning}` : `${keyId}: no BioT key`}`);
  }
}

/** A rotation from the placeholder would fail in createSecret; say it before starting one. */
async function assertRealKey(context: CommandContext): Promise<void> {
  const raw = await onSecret('read the secret', () => context.store.readValue({ stage: STAGE.current }));
  try {
    if (raw === undefined) throw new Error('no value');
    parseServiceSecret(raw);
  } catch (error) {
    throw new OpsError(
      `The secret holds no usable key (${error instanceof Error ? error.message : 'unreadable'}).`,
      `Set the service user's key first: \`pnpm ops secret-set ${targetFlags(context.args)}\`.`,
    );
  }
}

/**
 * An AWSPENDING label on a version that is not AWSCURRENT means a rotation did not finish, and AWS
 * refuses a new one until it is gone. With --discard-pending the label is removed; the new
 * rotation's createSecret then deletes that attempt's BioT key as a leftover.
 */
async function clearUnfinishedRotation(
  context: CommandContext,
  description: SecretDescription,
): Promise<void> {
  const pending = versionWithStage(description, STAGE.pending);
  if (pending === undefined || description.stagesByVersion.get(pending)?.includes(STAGE.current)) return;
  const failure = decodeRotationFailure(description.tags.get(ROTATION_FAILURE_TAG));
  const why =
    failure?.versionId === pending
      ? ` It failed in ${failure.step}: ${failure.code} ${failure.message}.`
      : '';
  if (!context.args.discardPending) {
    throw new OpsError(
      `A previous rotation did not finish: version ${pending} is still AWSPENDING.${why}`,
      `Fix the cause (README runbook, "Recover from a failed rotation"), then run ` +
        `\`pnpm ops rotate ${targetFlags(context.args)} --discard-pending\`.`,
    );
  }
  await onSecret('remove the AWSPENDING label', () => context.store.removeStage(STAGE.pending, pending));
  context.io.stdout.write(
    `Discarded the unfinished rotation: removed AWSPENDING from version ${pending}.${why}\n` +
      'This rotation deletes its BioT key, if it has one.\n',
  );
}

function rotationFailed(
  context: CommandContext,
  failure: RotationFailure,
  oldCurrent: string | undefined,
): OpsError {
  return new OpsError(
    `The rotation failed in ${failure.step}: ${failure.code} ${failure.message}. ` +
      `AWSCURRENT is unchanged (version ${oldCurrent ?? 'none'}).`,
    `Fix the cause (README runbook, "Recover from a failed rotation"), then run ` +
      `\`pnpm ops rotate ${targetFlags(context.args)} --discard-pending\`.`,
  );
}

async function keyIdAt(
  context: CommandContext,
  versionId: string,
  stage?: typeof STAGE.pending,
): Promise<string> {
  const raw = await context.store
    .readValue(stage ? { stage, versionId } : { versionId })
    .catch(() => undefined);
  return keyIdOf(raw);
}

/** Whether `keyIdOf` found a key id (rather than a description in parentheses). */
function isKeyId(keyId: string): boolean {
  return !keyId.startsWith('(');
}

export function keyIdOf(raw: string | undefined): string {
  if (raw === undefined) return '(no value)';
  try {
    return parseServiceSecret(raw).keyId ?? '(no keyId)';
  } catch {
    return '(the placeholder, or not a service-user secret)';
  }
}
