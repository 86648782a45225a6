import { PLACEHOLDER_KEY_ID } from '@biot-plugin/core';
import type { RemovalPolicy } from 'aws-cdk-lib';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/** A BioT service user and the secret holding its key. */
export interface ServiceUserKey {
  readonly serviceUserId: string;
  readonly secret: ISecret;
}

/**
 * The JSON the stack stores in a secret it creates, until ops put the real key there. The runtime
 * recognises the placeholder keyId and never tries a login with it. CloudFormation writes a new
 * secret value only when this generator block changes, so every later deploy leaves the real key
 * alone. Changing it would overwrite the key in every deployed environment on the next deploy.
 */
export const SECRET_PLACEHOLDER = {
  secretStringTemplate: JSON.stringify({ keyId: PLACEHOLDER_KEY_ID }),
  generateStringKey: 'secretKey',
} as const;

export interface ServiceUserSecretProps {
  /** Whose key it holds, for the console. */
  readonly description: string;
  /** @default - a new secret with SECRET_PLACEHOLDER */
  readonly existingSecretArn?: string | undefined;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * A BioT service user's secret: the existing one named by its complete ARN, or a new one holding
 * SECRET_PLACEHOLDER until ops set the real key (`pnpm ops secret-set`). Deploys never overwrite it.
 */
export function serviceUserSecret(scope: Construct, id: string, props: ServiceUserSecretProps): ISecret {
  if (props.existingSecretArn !== undefined) {
    return Secret.fromSecretCompleteArn(scope, id, props.existingSecretArn);
  }
  return new Secret(scope, id, {
    description:
      `${props.description}, JSON {"keyId","secretKey"}. ` +
      'Created with a placeholder; set the real key once (see README, Deploy). Deploys never overwrite it.',
    generateSecretString: SECRET_PLACEHOLDER,
    removalPolicy: props.removalPolicy,
  });
}
