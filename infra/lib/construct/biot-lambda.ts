import { target } from '@biot-plugin/workspace';
import { type Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type IRole, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Function as LambdaFunction, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type ILogGroup, LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { LogRetentionDays } from '../settings/plugin-settings.js';
import { retentionOf } from './log-retention.js';
import { BUNDLE_HANDLER, bundledCode, lambdaRuntimeForTarget } from './runtime-bundling.js';

/** Where esbuild runs: every Lambda of the stack is bundled from the same workspace. */
export interface WorkspaceBundling {
  /** The repository root: esbuild runs there and every file it bundles must be inside it. */
  readonly projectRoot: string;
}

export interface BiotLambdaProps {
  /** What the function does, for the console: also its role's description. */
  readonly description: string;
  /** The TypeScript entry exporting `handler`. */
  readonly entry: string;
  readonly bundling: WorkspaceBundling;
  readonly memoryMb: number;
  readonly timeout: Duration;
  /** The function's whole environment. */
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetentionDays: LogRetentionDays;
  /** Applies to the log group: kept with the stack's data in production. */
  readonly removalPolicy: RemovalPolicy;
  /** @default - none: the function shares the account's unreserved pool */
  readonly reservedConcurrency?: number;
  /** X-Ray active tracing. @default false */
  readonly tracing?: boolean;
}

/**
 * One Lambda of a plugin's stack, built the one way every one of them is: its own role that may
 * write to its own log group and nothing else (instead of AWSLambdaBasicExecutionRole, a managed
 * policy cdk-nag refuses), ARM64, the runtime's esbuild options (the bundle `pnpm build` makes),
 * the Node.js runtime that matches their target, no source-map flag on the cold path, and the
 * AwsSolutions findings that this shape brings acknowledged once, with their reasons (infra/README.md,
 * cdk-nag).
 */
export class BiotLambda extends Construct {
  /** The function itself (not an IFunction): the plugin publishes its versions. */
  readonly function: LambdaFunction;
  readonly role: IRole;
  readonly logGroup: ILogGroup;

  constructor(scope: Construct, id: string, props: BiotLambdaProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: retentionOf(props.logRetentionDays),
      removalPolicy: props.removalPolicy,
    });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.logGroup.grantWrite(role);
    this.role = role;

    const fn = new LambdaFunction(this, 'Function', {
      description: props.description,
      code: bundledCode(props.entry, props.bundling.projectRoot),
      handler: BUNDLE_HANDLER,
      runtime: lambdaRuntimeForTarget(target),
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: props.timeout,
      ...(props.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrency }),
      role,
      logGroup: this.logGroup,
      ...(props.tracing ? { tracing: Tracing.ACTIVE } : {}),
      // No NODE_OPTIONS=--enable-source-maps: Node would read and parse the source map at every
      // cold start (25-45 ms); the runtime maps a logged error's stack itself, on the first error.
      environment: { ...props.environment },
    });
    this.function = fn;

    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        `The Lambda runtime follows the bundle's esbuild target (${target}, the runtime package's ` +
        'bundle/esbuild-options.ts), the Node.js version the runtime is built and tested for; the two ' +
        'move together. nodejs22.x is a supported Lambda runtime until Node.js 22 reaches end of life.',
    });
    if (props.tracing) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level ' +
          'permissions, so AWS requires Resource "*" for them. Every other statement names its resource.',
      });
    }
  }
}
