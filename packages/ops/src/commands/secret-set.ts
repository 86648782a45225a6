import {
  DEFAULTS,
  ENV,
  parseServiceSecret,
  ServiceLoginError,
  serializeServiceSecret,
} from '@biot-plugin/core';
import { UmsClient } from '@biot-plugin/rotation';
import { BiotAccessError, OpsError } from '../errors.js';
import { type KeyInput, readKeyInput } from '../input/key-input.js';
import {
  type CommandContext,
  describeSecret,
  explainBiotError,
  onSecret,
  targetFlags,
} from './command-context.js';

/**
 * First-time setup: puts the service user's key into the secret the stack created with a
 * placeholder. The key comes from stdin or a hidden prompt; the secret key is never printed.
 */
export async function secretSet(context: CommandContext): Promise<void> {
  const { args, io, store } = context;
  await describeSecret(context);
  const existing = await onSecret('read the secret', () => store.readValue({ stage: 'AWSCURRENT' }));
  const existingKeyId = keyIdOf(existing);
  if (existingKeyId !== undefined && !args.replace) {
    throw new OpsError(
      `The secret already holds key ${existingKeyId}; secret-set is for the first setup.`,
      `To get a new key, rotate: \`pnpm ops rotate ${targetFlags(args)}\`. To overwrite it anyway (the key was ` +
        `lost or revoked), run \`pnpm ops secret-set ${targetFlags(args)} --replace\`.`,
    );
  }

  const key = await readKeyInput(io);
  if (args.verify) await verifyInBiot(context, key);
  const versionId = await onSecret('store the key', () =>
    store.putCurrent(serializeServiceSecret({ keyId: key.keyId, secretKey: key.secretKey })),
  );

  io.stdout.write(
    `Stored key ${key.keyId} as AWSCURRENT of ${context.target.secretArn} (version ${versionId}).\n` +
      `${existing === undefined ? '' : 'The value it replaces is now AWSPREVIOUS.\n'}` +
      `Running plugin containers use it within ${ENV.secretMaxAgeSeconds} (default ${DEFAULTS.secretMaxAgeSeconds} s) ` +
      'or at their next login. Check with `pnpm ops secret-status ' +
      `${targetFlags(args)}\`.\n` +
      // The first deploy of a stack-created secret could not log in to register subscriptions.
      (existingKeyId === undefined ? `${registerSubscriptionsNext(context)}\n` : ''),
  );
}

/**
 * The `pnpm ops subscriptions … --apply` to run next, with this command's flags, so it runs as
 * printed. It needs the plugin's environment and Function URL: when this command was not given
 * them (`--secret-arn` alone), the line says what to fill in.
 */
function registerSubscriptionsNext({ args, target }: CommandContext): string {
  const missing = [
    ...(target.deployment === undefined ? ['--env <name> [--plugin <name>]'] : []),
    ...(target.functionUrl === undefined ? ['--function-url <url>'] : []),
  ];
  const command = `pnpm ops subscriptions ${[targetFlags(args), ...missing].join(' ')} --apply`;
  return (
    'Next, register the declared BioT subscriptions (the first deploy had no key to do it)' +
    (missing.length === 0 ? '' : `, with ${missing.join(' and ')} filled in`) +
    `: \`${command}\`.`
  );
}

/** The key id of a stored value that holds a real key; undefined for the placeholder or nothing. */
function keyIdOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return parseServiceSecret(value).keyId ?? '(a key without keyId)';
  } catch {
    return undefined;
  }
}

async function verifyInBiot(context: CommandContext, key: KeyInput): Promise<void> {
  const { baseUrl, serviceUserId } = await context.target.biot();
  const ums = new UmsClient({ baseUrl });
  let token: string;
  try {
    token = await ums.login({ id: serviceUserId, secretKey: key.secretKey });
  } catch (error) {
    if (error instanceof ServiceLoginError && error.rejectsKey) {
      throw new BiotAccessError(
        `BioT refused a login of service user ${serviceUserId} with this key (${error.upstreamStatus}${error.upstreamCode ? ` ${error.upstreamCode}` : ''}); nothing was stored.`,
        'Check that the key belongs to this service user and was copied whole.',
        { cause: error },
      );
    }
    throw explainBiotError(error, context, serviceUserId, 'login');
  }
  let keys: Awaited<ReturnType<UmsClient['listSecretKeys']>>;
  try {
    keys = await ums.listSecretKeys(serviceUserId, token);
  } catch (error) {
    throw explainBiotError(error, context, serviceUserId, 'list');
  }
  if (!keys.some((candidate) => candidate.id === key.keyId)) {
    throw new BiotAccessError(
      `The key logs in, but BioT lists no key ${key.keyId} for service user ${serviceUserId}; nothing was stored.`,
      `The key id must be the \`id\` BioT returned with this key; the service user's keys are ${keys.map((k) => k.id).join(', ')}.`,
    );
  }
  context.io.stdout.write(
    `Verified: service user ${serviceUserId} logs in to ${baseUrl} with key ${key.keyId}.\n`,
  );
}
