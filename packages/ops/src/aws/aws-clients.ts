import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * The AWS clients a command uses. Credentials come from the SDK's standard chain; endpoints from
 * the SDK's own AWS_ENDPOINT_URL_* variables (the tests point them at moto).
 */
export interface AwsClients {
  secretsManager: SecretsManagerClient;
  cloudFormation: CloudFormationClient;
  lambda: LambdaClient;
  destroy(): void;
}

export function createAwsClients(options: { region?: string }): AwsClients {
  const config = options.region ? { region: options.region } : {};
  const secretsManager = new SecretsManagerClient(config);
  const cloudFormation = new CloudFormationClient(config);
  const lambda = new LambdaClient(config);
  return {
    secretsManager,
    cloudFormation,
    lambda,
    destroy() {
      secretsManager.destroy();
      cloudFormation.destroy();
      lambda.destroy();
    },
  };
}
