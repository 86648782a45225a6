import type { PluginHooks } from '../hook-api/hooks.js';
import { HOOK_NAMES, HOOK_TYPES, type HookName, hookForInterception, isHookName } from '../hook-types.js';
import { isPluginName, PLUGIN_NAME_RULE } from './plugin-name.js';
import {
  type DeclaredSubscriptions,
  INTERCEPTION_TYPES,
  type InterceptionSubscription,
  type InterceptionType,
  type NotificationSubscription,
} from './subscriptions.js';

/** When the scheduled hook runs: an EventBridge Scheduler expression. */
export interface PluginSchedule {
  /** `rate(1 hour)`, `cron(0 6 * * ? *)` or `at(2027-01-01T00:00:00)`. */
  readonly expression: string;
  /** IANA time zone of a cron or at expression. @default 'UTC' */
  readonly timezone?: string;
}

/** What a plugin author writes in the plugin's `src/plugin.ts`. */
export interface PluginSpec<H extends Partial<PluginHooks> = Partial<PluginHooks>> {
  /**
   * Lower-case letters, digits and `-`, starting with a letter (at most 40): names the stack
   * (`<name>-<env>`), the Lambda, the logs (`BIOT_APP_NAME`) and `--plugin <name>` on the CLI.
   */
  readonly name: string;
  /** The hooks the plugin implements; every one is optional. */
  readonly hooks: H;
  /** What BioT must send the plugin: every subscription must name a hook the plugin implements. */
  readonly subscriptions: {
    readonly notifications?: readonly NotificationSubscription[];
    readonly interceptions?: readonly InterceptionSubscription[];
  };
  /** When the `scheduled` hook runs, if it has one. */
  readonly schedule?: string | PluginSchedule;
  /**
   * Lets a call without `hooktype` through the Function URL run the scheduled hook, for a BioT
   * service token that carries this scope. Off by default: the schedule invokes the Lambda
   * directly (IAM), and any BioT token BioT hands any plugin must not start this plugin's job.
   */
  readonly scheduledViaUrl?: { readonly scope: string };
}

/** A checked plugin definition: what the handler, the CDK app and the local tools consume. */
export interface PluginDefinition<H extends Partial<PluginHooks> = Partial<PluginHooks>> {
  readonly name: string;
  readonly hooks: Readonly<H>;
  readonly subscriptions: DeclaredSubscriptions;
  readonly schedule: PluginSchedule | undefined;
  readonly scheduledViaUrl: { readonly scope: string } | undefined;
}

export class PluginDefinitionError extends Error {
  constructor(
    name: string,
    readonly problems: readonly string[],
  ) {
    super(
      `The definition of plugin "${name}" is inconsistent:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'PluginDefinitionError';
  }
}

const SCHEDULE =
  /^(rate\(\s*[1-9]\d*\s+(minute|minutes|hour|hours|day|days)\s*\)|cron\(.+\)|at\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\))$/;

/**
 * The one definition of a plugin: its hooks next to what BioT must send them. Throws a
 * PluginDefinitionError listing every mismatch (a subscription for a hook the plugin lacks, a hook
 * nothing would call), so the mistake surfaces in the plugin's first test, the dev server and
 * `cdk synth` alike. BioT's vocabulary (entity types, actions, apiIds) is checked at synth.
 */
export function definePlugin<const H extends Partial<PluginHooks>>(spec: PluginSpec<H>): PluginDefinition<H> {
  const name = typeof spec?.name === 'string' ? spec.name : String(spec?.name);
  const subscriptions: DeclaredSubscriptions = {
    notifications: spec?.subscriptions?.notifications ?? [],
    interceptions: spec?.subscriptions?.interceptions ?? [],
  };
  const schedule = typeof spec?.schedule === 'string' ? { expression: spec.schedule } : spec?.schedule;
  const problems = [
    ...(isPluginName(name) ? [] : [`name "${name}" must be ${PLUGIN_NAME_RULE}`]),
    ...hookProblems(spec?.hooks),
    ...(spec?.scheduledViaUrl !== undefined &&
    !(typeof spec.scheduledViaUrl.scope === 'string' && spec.scheduledViaUrl.scope.trim() !== '')
      ? [
          'scheduledViaUrl.scope must name the scope a BioT token needs to run the scheduled hook through the URL',
        ]
      : []),
    ...(spec?.scheduledViaUrl !== undefined && spec.hooks?.scheduled === undefined
      ? ['scheduledViaUrl is set, but the plugin has no scheduled hook']
      : []),
    ...(schedule !== undefined && !SCHEDULE.test(schedule.expression?.trim?.() ?? '')
      ? [`schedule "${schedule.expression}" is not rate(<n> minutes|hours|days), cron(...) or at(...)`]
      : []),
  ];
  if (problems.length === 0) {
    problems.push(
      ...wiringProblems(Object.keys(spec.hooks) as HookName[], subscriptions, schedule, 'subscriptions'),
    );
  }
  if (problems.length > 0) throw new PluginDefinitionError(name, problems);
  return Object.freeze({
    name,
    hooks: Object.freeze({ ...spec.hooks }),
    subscriptions: Object.freeze(subscriptions),
    schedule: schedule === undefined ? undefined : Object.freeze({ ...schedule }),
    scheduledViaUrl:
      spec.scheduledViaUrl === undefined ? undefined : Object.freeze({ ...spec.scheduledViaUrl }),
  });
}

/**
 * The subscriptions an environment deploys instead of the definition's own (fewer in dev, another
 * `executionOrder`): each must still name a hook the plugin implements. Leaving a hook without a
 * subscription is allowed here; that is what "fewer" means.
 */
export function subscriptionOverrideProblems(
  plugin: PluginDefinition,
  subscriptions: DeclaredSubscriptions,
  path: string,
): string[] {
  return wiringProblems(Object.keys(plugin.hooks) as HookName[], subscriptions, plugin.schedule, path, {
    everyHookCalled: false,
  });
}

/** The hooks a set of subscriptions (and a schedule) makes BioT or AWS call. */
export function hooksCalledBy(
  subscriptions: DeclaredSubscriptions,
  schedule: PluginSchedule | undefined,
): Set<HookName> {
  const called = new Set<HookName>();
  if (subscriptions.notifications.length > 0) called.add('notification');
  for (const interception of subscriptions.interceptions) {
    if (isInterceptionType(interception?.type)) called.add(hookForInterception(interception.type));
  }
  if (schedule !== undefined) called.add('scheduled');
  return called;
}

function hookProblems(hooks: unknown): string[] {
  if (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks)) {
    return [`hooks must be an object with any of ${HOOK_NAMES.join(', ')}`];
  }
  const problems: string[] = [];
  for (const [key, value] of Object.entries(hooks)) {
    if (!isHookName(key)) problems.push(`hooks.${key} is not a hook; the hooks are ${HOOK_NAMES.join(', ')}`);
    else if (typeof value !== 'function') problems.push(`hooks.${key} is not a function`);
  }
  return problems;
}

function wiringProblems(
  implemented: readonly HookName[],
  subscriptions: DeclaredSubscriptions,
  schedule: PluginSchedule | undefined,
  path: string,
  { everyHookCalled = true } = {},
): string[] {
  const problems: string[] = [];
  const has = new Set(implemented);
  subscriptions.notifications.forEach((entry, index) => {
    if (!has.has('notification')) {
      problems.push(
        `${path}.notifications[${index}] (${entry?.entityTypeName} ${entry?.actionName}) makes BioT send ` +
          'NOTIFICATION events, but the plugin has no notification hook',
      );
    }
  });
  subscriptions.interceptions.forEach((entry, index) => {
    const label = `${path}.interceptions[${index}] (${entry?.type} ${entry?.apiId ?? entry?.entityName})`;
    if (!isInterceptionType(entry?.type)) {
      problems.push(`${label}: type must be one of ${INTERCEPTION_TYPES.join(', ')}`);
      return;
    }
    const hook = hookForInterception(entry.type);
    if (!has.has(hook)) {
      problems.push(
        `${label} makes BioT send ${HOOK_TYPES[hook].hooktype} events, but the plugin has no ${hook} hook`,
      );
    }
  });
  if (schedule !== undefined && !has.has('scheduled')) {
    problems.push(`schedule "${schedule.expression}" would run the scheduled hook, but the plugin has none`);
  }
  if (everyHookCalled) {
    const called = hooksCalledBy(subscriptions, schedule);
    for (const hook of implemented) {
      if (!called.has(hook)) problems.push(`hooks.${hook} would never be called: ${neededFor(hook)}`);
    }
  }
  return problems;
}

function neededFor(hook: HookName): string {
  const calledBy = HOOK_TYPES[hook].calledBy;
  switch (calledBy.kind) {
    case 'notification':
      return 'add a subscriptions.notifications entry, or remove the hook';
    case 'interception':
      return `add a ${calledBy.type} entry to subscriptions.interceptions, or remove the hook`;
    case 'schedule':
      return 'add a schedule, or remove the hook';
  }
}

function isInterceptionType(value: unknown): value is InterceptionType {
  return (INTERCEPTION_TYPES as readonly unknown[]).includes(value);
}
