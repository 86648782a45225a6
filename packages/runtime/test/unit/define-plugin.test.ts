import { describe, expect, it } from 'vitest';
import { HOOK_NAMES, HOOK_TYPES } from '../../src/hook-types.js';
import {
  definePlugin,
  PluginDefinitionError,
  subscriptionOverrideProblems,
} from '../../src/plugin/define-plugin.js';
import { thrown } from '../support/thrown.js';

const notification = () => undefined;
const adaptEntity = () => ({ entities: [] });
const patientCreated = { entityTypeName: 'patient', actionName: '_create' };

const problemsOf = (run: () => unknown) => thrown(PluginDefinitionError, run).problems;

describe('definePlugin', () => {
  it('gives a plugin that handles only notifications, with no interceptions', () => {
    const plugin = definePlugin({
      name: 'notify-only',
      hooks: { notification },
      subscriptions: { notifications: [patientCreated] },
    });
    expect(plugin).toEqual({
      name: 'notify-only',
      hooks: { notification },
      subscriptions: { notifications: [patientCreated], interceptions: [] },
      schedule: undefined,
    });
    expect(Object.isFrozen(plugin)).toBe(true);
  });

  it('refuses a subscription for a hook the plugin does not implement, naming both', () => {
    const problems = problemsOf(() =>
      definePlugin({
        name: 'notify-only',
        hooks: { notification },
        subscriptions: {
          notifications: [patientCreated],
          interceptions: [{ type: 'ADAPT_ENTITY', entityName: 'patient' }],
        },
      }),
    );
    expect(problems).toEqual([
      'subscriptions.interceptions[0] (ADAPT_ENTITY patient) makes BioT send INTERCEPTOR_POST_ENTITY events, ' +
        'but the plugin has no adaptEntity hook',
    ]);
  });

  it('refuses a hook that nothing would ever call, saying what would call it', () => {
    const problems = problemsOf(() =>
      definePlugin({
        name: 'unused',
        hooks: { notification, adaptEntity },
        subscriptions: { notifications: [patientCreated] },
      }),
    );
    expect(problems).toEqual([
      'hooks.adaptEntity would never be called: add a ADAPT_ENTITY entry to subscriptions.interceptions, or remove the hook',
    ]);
  });

  it('needs a schedule for a scheduled hook, and a scheduled hook for a schedule', () => {
    expect(
      problemsOf(() => definePlugin({ name: 'job', hooks: { scheduled: () => ({}) }, subscriptions: {} })),
    ).toEqual(['hooks.scheduled would never be called: add a schedule, or remove the hook']);
    expect(
      problemsOf(() =>
        definePlugin({
          name: 'job',
          hooks: { notification },
          subscriptions: { notifications: [patientCreated] },
          schedule: 'rate(1 hour)',
        }),
      ),
    ).toEqual(['schedule "rate(1 hour)" would run the scheduled hook, but the plugin has none']);
    const job = definePlugin({
      name: 'job',
      hooks: { scheduled: () => ({}) },
      subscriptions: {},
      schedule: 'cron(0 6 * * ? *)',
    });
    expect(job.schedule).toEqual({ expression: 'cron(0 6 * * ? *)' });
  });

  it.each(['Example', '1plugin', 'has space', 'a'.repeat(41), ''])('refuses the name %j', (name) => {
    expect(
      problemsOf(() =>
        definePlugin({ name, hooks: { notification }, subscriptions: { notifications: [patientCreated] } }),
      )[0],
    ).toMatch(/^name ".*" must be lower-case letters/);
  });

  it('refuses hooks it does not know and hooks that are not functions', () => {
    const problems = problemsOf(() =>
      definePlugin({
        name: 'typo',
        hooks: { notifcation: notification, preRequest: 'yes' } as never,
        subscriptions: {},
      }),
    );
    expect(problems).toEqual([
      `hooks.notifcation is not a hook; the hooks are ${HOOK_NAMES.join(', ')}`,
      'hooks.preRequest is not a function',
    ]);
  });

  it('refuses a schedule that is not an EventBridge expression', () => {
    expect(
      problemsOf(() =>
        definePlugin({
          name: 'job',
          hooks: { scheduled: () => ({}) },
          subscriptions: {},
          schedule: 'every day',
        }),
      ),
    ).toEqual(['schedule "every day" is not rate(<n> minutes|hours|days), cron(...) or at(...)']);
  });

  it('lists every problem in one error that names the plugin', () => {
    const error = thrown(PluginDefinitionError, () =>
      definePlugin({
        name: 'broken',
        hooks: { adaptEntity },
        subscriptions: { notifications: [patientCreated] },
      }),
    );
    expect(error.message).toMatch(/^The definition of plugin "broken" is inconsistent:\n {2}- /);
    expect(error.problems).toHaveLength(2);
  });
});

describe('an environment’s subscription override', () => {
  const plugin = definePlugin({
    name: 'patients',
    hooks: { notification, adaptEntity },
    subscriptions: {
      notifications: [patientCreated],
      interceptions: [{ type: 'ADAPT_ENTITY', entityName: 'patient' }],
    },
  });

  it('may leave a hook without subscriptions (fewer in dev)', () => {
    expect(
      subscriptionOverrideProblems(plugin, { notifications: [patientCreated], interceptions: [] }, 'dev'),
    ).toEqual([]);
  });

  it('may not subscribe a hook the plugin lacks', () => {
    expect(
      subscriptionOverrideProblems(
        plugin,
        {
          notifications: [],
          interceptions: [{ type: 'PRE_REQUEST', apiId: 'GET/organization/v1/users/patients' }],
        },
        'dev.plugins.patients.subscriptions',
      ),
    ).toEqual([
      'dev.plugins.patients.subscriptions.interceptions[0] (PRE_REQUEST GET/organization/v1/users/patients) makes ' +
        'BioT send INTERCEPTOR_PRE events, but the plugin has no preRequest hook',
    ]);
  });
});

describe('the table of hook types', () => {
  it('gives every BioT hooktype exactly one hook, and only scheduled none', () => {
    const hooktypes = HOOK_NAMES.map((name) => HOOK_TYPES[name].hooktype);
    expect(hooktypes).toEqual([
      'NOTIFICATION',
      'INTERCEPTOR_PRE',
      'INTERCEPTOR_POST',
      'INTERCEPTOR_POST_ENTITY',
      undefined,
    ]);
  });
});
