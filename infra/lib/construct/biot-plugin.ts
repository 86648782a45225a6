import { ENV } from '@biot-plugin/core';
import type { HookName, PluginSchedule } from '@biot-plugin/runtime';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import {
  Alias,
  FunctionUrlAuthType,
  type IFunctionUrl,
  type Function as LambdaFunction,
} from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { alarmSettingsProblems, type ResolvedAlarmSettings } from '../settings/alarm-settings.js';
import {
  type CanarySettings,
  type JwtSettings,
  jwtGuardProblems,
  type LogLevel,
  type LogRetentionDays,
  pluginSettingsProblems,
} from '../settings/plugin-settings.js';
import { BiotLambda, type WorkspaceBundling } from './biot-lambda.js';
import { CanaryDeployment } from './canary-deployment.js';
import { HookSchedule } from './hook-schedule.js';
import { PluginAlarms } from './plugin-alarms.js';
import { PluginDashboard } from './plugin-dashboard.js';
import { hookTypeDimensionOf, isInterceptor, PluginMetrics } from './plugin-metrics.js';
import { IDEMPOTENCY_TABLE_VARIABLE, RepeatCheckTable } from './repeat-check-table.js';
import { serviceUserSecret } from './service-user-secret.js';

export { SECRET_PLACEHOLDER } from './service-user-secret.js';

export interface BiotPluginProps {
  readonly pluginName: string;
  /** Keeps the secret, the log group and the repeat-check table when the stack is deleted. */
  readonly production: boolean;
  readonly biotBaseUrl: string;
  readonly biotEnvironment: string;
  readonly serviceUserId: string;
  /** @default - the construct creates the secret with a placeholder */
  readonly existingSecretArn?: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** `false`: no reservation. */
  readonly reservedConcurrency: number | false;
  readonly logRetentionDays: LogRetentionDays;
  readonly logLevel: LogLevel;
  readonly jwt: Required<JwtSettings>;
  readonly secretMaxAgeSeconds: number;
  readonly publicKeyMaxAgeSeconds: number;
  readonly biotTimeoutMs: number;
  readonly biotRetryLimit: number;
  /** Creates the DynamoDB table of the repeat check across containers (RepeatCheckTable). */
  readonly repeatCheckAcrossContainers: boolean;
  /** The alarms' thresholds (and the dashboard's lines for them), the defaults applied. */
  readonly alarmSettings: ResolvedAlarmSettings;
  /** @default - no canary: a deploy moves `live` to the new version at once */
  readonly canary?: CanarySettings;
  /** The hooks BioT and the schedule call (`hooksCalledBy` of the deployed subscriptions). */
  readonly calledHooks: ReadonlySet<HookName>;
  /** The stack's name: the dashboard's. */
  readonly dashboardName: string;
  /** @default - alarms change state in the console only */
  readonly alarmEmail?: string;
  /** When the plugin's scheduled hook runs (its definition's `schedule`). @default - it has none */
  readonly schedule?: PluginSchedule;
  /** The plugin's handler source file, exporting `handler`: its `src/handler.ts`. */
  readonly entry: string;
  readonly bundling: WorkspaceBundling;
}

/**
 * Runtime variables this deployment deliberately does not set: the secret key itself (an env var is
 * readable by anyone with lambda:GetFunctionConfiguration and cannot rotate; the runtime reads the
 * secret through BIOT_SERVICE_USER_SECRET_ARN instead) and the public key (obsolete since BioT
 * publishes it, BIOT-CONTRACT.md §3), the idempotency table, set only where an environment enables
 * the repeat check across containers, and the operations user, which only its rotation Lambda
 * gets. Every other name in ENV is set, which the compiler checks.
 */
export const UNSET_RUNTIME_VARIABLES = [
  'serviceUserSecretKey',
  'publicKey',
  'idempotencyTable',
  'operationsUserId',
  'operationsSecretArn',
] as const;
type SetVariable = Exclude<keyof typeof ENV, (typeof UNSET_RUNTIME_VARIABLES)[number]>;

/**
 * One BioT plugin: its handler as an ARM64 Lambda whose `live` alias has the Function URL BioT
 * calls, its service-user secret, log group, tracing, the schedule of its scheduled hook, the table
 * of the repeat check across containers when enabled, alarms, a dashboard, and in production the
 * canary that moves `live` to each new version.
 */
export class BiotPlugin extends Construct {
  readonly function: LambdaFunction;
  /**
   * `live`: what BioT and the schedule call. Every deploy publishes a new version; the alias moves
   * to it at once, or through the canary in production.
   */
  readonly alias: Alias;
  /** The `live` alias's Function URL: the same URL across deploys, whichever version serves it. */
  readonly functionUrl: IFunctionUrl;
  /** The service-user secret; the function may read it and nothing else in Secrets Manager. */
  readonly secret: ISecret;
  readonly logGroup: ILogGroup;
  readonly alarms: PluginAlarms;
  /** Present when the plugin has a schedule. */
  readonly schedule?: HookSchedule;
  /** Present with `repeatCheckAcrossContainers`. */
  readonly repeatCheckTable?: ITable;
  readonly dashboard: PluginDashboard;
  /** Present with a canary (production). */
  readonly deployment?: CanaryDeployment;

  constructor(scope: Construct, id: string, props: BiotPluginProps) {
    super(scope, id);
    // The app checks the config before; this keeps the JWT guard for any other use of the construct.
    const problems = [
      ...pluginSettingsProblems(props),
      ...alarmSettingsProblems({ alarms: props.alarmSettings }),
      ...jwtGuardProblems(props),
    ];
    if (problems.length > 0) {
      throw new Error(
        `Invalid settings for BioT plugin ${props.pluginName}:\n  - ${problems.join('\n  - ')}`,
      );
    }
    const removalPolicy = props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const timeout = Duration.seconds(props.timeoutSeconds);

    this.secret = serviceUserSecret(this, 'ServiceUserSecret', {
      description: `BioT service-user key of plugin ${props.pluginName}`,
      existingSecretArn: props.existingSecretArn,
      removalPolicy,
    });
    const repeatCheck = props.repeatCheckAcrossContainers
      ? new RepeatCheckTable(this, 'RepeatCheck', {
          production: props.production,
          pluginName: props.pluginName,
        })
      : undefined;

    // "Default": its function, role and log group keep the logical ids they had before this
    // construct existed, so the deployed function (and its Function URL) is not replaced.
    const lambda = new BiotLambda(this, 'Default', {
      description: `BioT plugin ${props.pluginName}`,
      entry: props.entry,
      bundling: props.bundling,
      memoryMb: props.memoryMb,
      timeout,
      ...(props.reservedConcurrency === false ? {} : { reservedConcurrency: props.reservedConcurrency }),
      tracing: true,
      logRetentionDays: props.logRetentionDays,
      removalPolicy,
      environment: {
        ...this.runtimeEnvironment(props),
        ...(repeatCheck === undefined ? {} : { [IDEMPOTENCY_TABLE_VARIABLE]: repeatCheck.table.tableName }),
      },
    });
    const fn = lambda.function;
    this.function = fn;
    this.logGroup = lambda.logGroup;
    this.secret.grantRead(fn);
    repeatCheck?.grantRepeatCheck(fn);
    if (repeatCheck) this.repeatCheckTable = repeatCheck.table;

    // A new version whenever the function's code or configuration changes. CloudFormation deletes
    // the old one only after the update succeeded, so a canary's rollback always has its target; in
    // production it is kept beyond that, for an operator who moves `live` back by hand.
    fn.currentVersion.applyRemovalPolicy(removalPolicy);
    this.alias = new Alias(this, 'Live', {
      aliasName: 'live',
      version: fn.currentVersion,
      description: `What BioT calls: the deployed version of BioT plugin ${props.pluginName}`,
    });
    // BioT cannot sign requests with SigV4, so the URL is public and the runtime's RS512 JWT check
    // (never off in production, see plugin-settings.ts) is the authentication.
    this.functionUrl = this.alias.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });

    if (props.schedule !== undefined) {
      this.schedule = new HookSchedule(this, 'Schedule', {
        function: this.alias,
        schedule: props.schedule,
        pluginName: props.pluginName,
      });
    }

    const metrics = new PluginMetrics(props.pluginName, props.biotEnvironment);
    const called = [...props.calledHooks];
    const hookTypes = called.map(hookTypeDimensionOf);
    const interceptorHookTypes = called.filter(isInterceptor).map(hookTypeDimensionOf);
    this.alarms = new PluginAlarms(this, 'Alarms', {
      function: this.alias,
      timeout,
      metrics,
      hookTypes,
      interceptorHookTypes,
      settings: props.alarmSettings,
      production: props.production,
      ...(props.alarmEmail === undefined ? {} : { alarmEmail: props.alarmEmail }),
      ...(this.schedule === undefined ? {} : { failedScheduledInvocations: this.schedule.failedInvocations }),
    });

    this.dashboard = new PluginDashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      pluginName: props.pluginName,
      biotEnvironment: props.biotEnvironment,
      function: fn,
      alias: this.alias,
      logGroup: this.logGroup,
      metrics,
      hookTypes,
      interceptorHookTypes,
      alarmSettings: props.alarmSettings,
      answersFailedPercent: this.alarms.answersFailedPercent,
      biotCallsFailedPercent: this.alarms.biotCallsFailedPercent,
      ...(props.reservedConcurrency === false ? {} : { reservedConcurrency: props.reservedConcurrency }),
      alarms: this.alarms.all,
    });

    if (props.canary !== undefined) {
      this.deployment = new CanaryDeployment(this, 'Deployment', {
        alias: this.alias,
        canary: props.canary,
        rollbackAlarms: this.alarms.rollbackAlarms,
        pluginName: props.pluginName,
      });
    }
  }

  /** Every variable of the runtime's ENV, by its name there (the compiler checks none is missed). */
  private runtimeEnvironment(props: BiotPluginProps): Record<string, string> {
    const values: Record<SetVariable, string> = {
      baseUrl: props.biotBaseUrl,
      appName: props.pluginName,
      environment: props.biotEnvironment,
      serviceUserId: props.serviceUserId,
      serviceUserSecretArn: this.secret.secretArn,
      secretMaxAgeSeconds: String(props.secretMaxAgeSeconds),
      publicKeyMaxAgeSeconds: String(props.publicKeyMaxAgeSeconds),
      shouldValidateJwt: String(props.jwt.validate),
      notificationScope: props.jwt.notificationScope,
      interceptionScope: props.jwt.interceptionScope,
      httpTimeoutMs: String(props.biotTimeoutMs),
      httpRetryLimit: String(props.biotRetryLimit),
      logLevel: props.logLevel,
    };
    return Object.fromEntries(Object.entries(values).map(([key, value]) => [ENV[key as SetVariable], value]));
  }
}
