import { ResourceNotFoundException } from '@aws-sdk/client-secrets-manager';
import { BiotApiError, PluginError, ServiceLoginError } from '@biot-plugin/core';
import { type SecretDescription, type SecretKeyInfo, SecretStore, UmsClient } from '@biot-plugin/rotation';
import type { OpsArgs } from '../args.js';
import type { AwsClients } from '../aws/aws-clients.js';
import { explainAwsError } from '../aws/aws-errors.js';
import { BiotAccessError, SecretNotFoundError } from '../errors.js';
import type { OpsIo } from '../io.js';
import type { DeploymentConfig } from '../target/deployment-config.js';
import { deployCommand, type OpsTarget } from '../target/resolve-target.js';

/** What every command gets. */
export interface CommandContext {
  args: OpsArgs;
  io: OpsIo;
  clients: AwsClients;
  target: OpsTarget;
  store: SecretStore;
  /** The environments and their plugins; read on first use. */
  config: () => DeploymentConfig;
}

export function commandContext(
  args: OpsArgs,
  io: OpsIo,
  clients: AwsClients,
  target: OpsTarget,
  config: () => DeploymentConfig,
): CommandContext {
  return {
    args,
    io,
    clients,
    target,
    store: new SecretStore(clients.secretsManager, target.secretArn),
    config,
  };
}

/**
 * Every flag by which the operator named the plugin, its secret and its BioT, for the commands
 * we suggest: a suggested command runs as printed, with what this one was given.
 */
export function targetFlags(args: OpsArgs): string {
  const given: [string, string | undefined][] = [
    ['--env', args.env],
    ['--plugin', args.plugin],
    ['--stack', args.stack],
    ['--secret-arn', args.secretArn],
    ['--region', args.region],
    ['--biot-url', args.biotUrl],
    ['--service-user-id', args.serviceUserId],
  ];
  return given
    .flatMap(([flag, value]) => (value === undefined ? [] : [`${flag} ${shellWord(value)}`]))
    .join(' ');
}

/** A value as one shell word: as it is when it is safe, else single-quoted. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The command that deploys the stack a command acts on. */
export function deployHint(context: CommandContext): string {
  return deployCommand(context.target.deployment, context.target.stackName);
}

/** DescribeSecret, with "no such secret" said plainly. */
export async function describeSecret(context: CommandContext): Promise<SecretDescription> {
  try {
    return await context.store.describe();
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      throw new SecretNotFoundError(
        `Secret ${context.target.secretArn} (from ${context.target.source}) does not exist.`,
        'Check the region and the account of your credentials; a stack that was deleted and deployed again has a ' +
          'new secret, so use --env rather than an old --secret-arn.',
        { cause: error },
      );
    }
    throw explainAwsError(error, 'read the secret');
  }
}

/** Runs a Secrets Manager call on the secret, explaining access failures. */
export async function onSecret<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw explainAwsError(error, action);
  }
}

/** The service user's BioT key ids, logged in with `secretKey`. */
export async function listBiotKeys(
  context: CommandContext,
  secretKey: string,
): Promise<{ baseUrl: string; serviceUserId: string; keys: SecretKeyInfo[] }> {
  const { baseUrl, serviceUserId } = await context.target.biot();
  const ums = new UmsClient({ baseUrl });
  let token: string;
  try {
    token = await ums.login({ id: serviceUserId, secretKey });
  } catch (error) {
    throw explainBiotError(error, context, serviceUserId, 'login');
  }
  try {
    return { baseUrl, serviceUserId, keys: await ums.listSecretKeys(serviceUserId, token) };
  } catch (error) {
    throw explainBiotError(error, context, serviceUserId, 'list');
  }
}

export function explainBiotError(
  error: unknown,
  context: CommandContext,
  serviceUserId: string,
  what: 'login' | 'list',
): unknown {
  if (error instanceof ServiceLoginError && what === 'login' && error.rejectsKey) {
    return new BiotAccessError(
      `BioT refused a login of service user ${serviceUserId} with the key in the secret (${error.upstreamStatus}${error.upstreamCode ? ` ${error.upstreamCode}` : ''}).`,
      'The secret does not hold a working key of this service user. Create a key in BioT and store it with ' +
        `\`pnpm ops secret-set ${targetFlags(context.args)} --replace --verify\`.`,
      { cause: error },
    );
  }
  if (error instanceof BiotApiError && (error.upstreamStatus === 401 || error.upstreamStatus === 403)) {
    return new BiotAccessError(
      `BioT refused to list the keys of service user ${serviceUserId} (${error.upstreamStatus}${error.upstreamCode ? ` ${error.upstreamCode}` : ''}).`,
      "Give the service user's role UMS_USERS_GET_SERVICE_USER_BY_ID (packages/rotation/README.md, BioT permissions).",
      { cause: error },
    );
  }
  if (error instanceof BiotApiError && error.upstreamStatus === 404) {
    return new BiotAccessError(
      `BioT does not know service user ${serviceUserId} (${error.upstreamCode ?? '404'}).`,
      'Check --service-user-id, or BIOT_SERVICE_USER_ID of the plugin function.',
      { cause: error },
    );
  }
  // Any other failure of the BioT core: timeouts, an unreachable BioT, 5xx.
  if (error instanceof PluginError) {
    return new BiotAccessError(
      error.message,
      'Check --biot-url (or BIOT_BASE_URL of the plugin function) and the network.',
      {
        cause: error,
      },
    );
  }
  return error;
}

/** `2026-01-05 08:30:00Z` */
export function formatDate(date: Date | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return 'unknown';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** `3 days ago`, `in 27 days` */
export function relative(date: Date | undefined, now: number): string {
  if (!date) return '';
  const days = Math.round((date.getTime() - now) / 86_400_000);
  if (days === 0) return 'today';
  return days > 0 ? `in ${days} day${days === 1 ? '' : 's'}` : `${-days} day${days === -1 ? '' : 's'} ago`;
}
