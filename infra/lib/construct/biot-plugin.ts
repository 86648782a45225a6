import { DEFAULTS, ENV, PLACEHOLDER_KEY_ID } from '@biot-plugin/core';
import type { PluginSchedule } from '@biot-plugin/runtime';
import { esbuildOptions, target } from '@biot-plugin/workspace';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  FunctionUrlAuthType,
  type IFunction,
  type IFunctionUrl,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { type ILogGroup, LogGroup } from 'aws-cdk-lib/aws-logs';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  jwtGuardProblems,
  type PluginDeploymentSettings,
  pluginSettingsProblems,
} from '../settings/plugin-settings.js';
import { HookSchedule } from './hook-schedule.js';
import { retentionOf } from './log-retention.js';
import { PluginAlarms } from './plugin-alarms.js';
import { bundlingFromEsbuildOptions, lambdaRuntimeForTarget } from './runtime-bundling.js';

export interface BiotPluginProps extends PluginDeploymentSettings {
  /** The plugin's handler source file, exporting `handler`: its `src/handler.ts`. */
  readonly entry: string;
  /** When the plugin's scheduled hook runs (its definition's `schedule`). @default - it has none */
  readonly schedule?: PluginSchedule;
  /** The repository root: esbuild runs there and every file it bundles must be inside it. */
  readonly projectRoot: string;
  /** The workspace lock file (pnpm-lock.yaml); NodejsFunction derives the package manager from it. */
  readonly depsLockFilePath: string;
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

/**
 * Runtime variables this deployment deliberately does not set: the secret key itself (an env var is
 * readable by anyone with lambda:GetFunctionConfiguration and cannot rotate; the runtime reads the
 * secret through BIOT_SERVICE_USER_SECRET_ARN instead) and the public key (obsolete since BioT
 * publishes it, BIOT-CONTRACT.md §3). Every other name in the runtime's ENV is set, which the compiler checks.
 */
export const UNSET_RUNTIME_VARIABLES = ['serviceUserSecretKey', 'publicKey'] as const;
type SetVariable = Exclude<keyof typeof ENV, (typeof UNSET_RUNTIME_VARIABLES)[number]>;

/**
 * One BioT plugin: its handler as an ARM64 Lambda behind a Function URL that BioT calls, its
 * service-user secret, log group, tracing, the schedule of its scheduled hook, and alarms.
 */
export class BiotPlugin extends Construct {
  readonly function: IFunction;
  readonly functionUrl: IFunctionUrl;
  /** The service-user secret; the function may read it and nothing else in Secrets Manager. */
  readonly secret: ISecret;
  readonly logGroup: ILogGroup;
  readonly alarms: PluginAlarms;
  /** Present when the plugin has a schedule. */
  readonly schedule?: HookSchedule;

  constructor(scope: Construct, id: string, props: BiotPluginProps) {
    super(scope, id);
    // The app checks the config before; this keeps the JWT guard for any other use of the construct.
    const problems = [...pluginSettingsProblems(props), ...jwtGuardProblems(props)];
    if (problems.length > 0) {
      throw new Error(
        `Invalid settings for BioT plugin ${props.pluginName}:\n  - ${problems.join('\n  - ')}`,
      );
    }
    const removalPolicy = props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const timeout = Duration.seconds(props.timeoutSeconds);

    this.secret = this.serviceUserSecret(props, removalPolicy);
    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: retentionOf(props.logRetentionDays),
      removalPolicy,
    });

    // Its own role instead of AWSLambdaBasicExecutionRole: logs go to this log group only.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the BioT plugin ${props.pluginName}`,
    });
    this.logGroup.grantWrite(role);

    const fn = new NodejsFunction(this, 'Function', {
      description: `BioT plugin ${props.pluginName}`,
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: props.depsLockFilePath,
      runtime: lambdaRuntimeForTarget(target),
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout,
      ...(props.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrency }),
      role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: this.environmentVariables(props),
      bundling: bundlingFromEsbuildOptions(esbuildOptions),
    });
    this.secret.grantRead(fn);
    this.function = fn;

    // BioT cannot sign requests with SigV4, so the URL is public and the runtime's RS512 JWT check
    // (never off in production, see plugin-settings.ts) is the authentication.
    this.functionUrl = fn.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });

    if (props.schedule !== undefined) {
      this.schedule = new HookSchedule(this, 'Schedule', {
        function: fn,
        schedule: props.schedule,
        pluginName: props.pluginName,
      });
    }

    this.alarms = new PluginAlarms(this, 'Alarms', {
      function: fn,
      timeout,
      production: props.production,
      ...(props.alarmEmail === undefined ? {} : { alarmEmail: props.alarmEmail }),
      ...(this.schedule === undefined ? {} : { failedScheduledInvocations: this.schedule.failedInvocations }),
    });

    this.acknowledgeNagFindings(role, fn);
  }

  private serviceUserSecret(props: BiotPluginProps, removalPolicy: RemovalPolicy): ISecret {
    if (props.existingSecretArn !== undefined) {
      return Secret.fromSecretCompleteArn(this, 'ServiceUserSecret', props.existingSecretArn);
    }
    return new Secret(this, 'ServiceUserSecret', {
      description:
        `BioT service-user key of plugin ${props.pluginName}, JSON {"keyId","secretKey"}. ` +
        'Created with a placeholder; set the real key once (see README, Deploy). Deploys never overwrite it.',
      generateSecretString: SECRET_PLACEHOLDER,
      removalPolicy,
    });
  }

  private environmentVariables(props: BiotPluginProps): Record<string, string> {
    const values: Record<SetVariable, string> = {
      baseUrl: props.biotBaseUrl,
      appName: props.pluginName,
      environment: props.biotEnvironment,
      serviceUserId: props.serviceUserId,
      serviceUserSecretArn: this.secret.secretArn,
      secretMaxAgeSeconds: String(DEFAULTS.secretMaxAgeSeconds),
      publicKeyMaxAgeSeconds: String(DEFAULTS.publicKeyMaxAgeSeconds),
      shouldValidateJwt: String(props.jwt?.validate ?? true),
      notificationScope: props.jwt?.notificationScope ?? DEFAULTS.notificationScope,
      interceptionScope: props.jwt?.interceptionScope ?? DEFAULTS.interceptionScope,
      httpTimeoutMs: String(DEFAULTS.httpTimeoutMs),
      httpRetryLimit: String(DEFAULTS.httpRetryLimit),
      logLevel: props.logLevel ?? DEFAULTS.logLevel,
    };
    return {
      ...Object.fromEntries(Object.entries(values).map(([key, value]) => [ENV[key as SetVariable], value])),
      // The bundle ships a source map; Node applies it to stack traces only when asked.
      NODE_OPTIONS: '--enable-source-maps',
    };
  }

  /** AwsSolutions findings that are accepted on purpose; the README lists them with these reasons. */
  private acknowledgeNagFindings(role: Role, fn: NodejsFunction): void {
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        `The Lambda runtime follows the bundle's esbuild target (${target}, the runtime package's ` +
        'bundle/esbuild-options.ts), the Node.js version the runtime is built and tested for; the two ' +
        'move together. nodejs22.x is a supported Lambda runtime until Node.js 22 reaches end of life.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level ' +
        'permissions, so AWS requires Resource "*" for them. Every other statement names its resource.',
    });
  }
}
