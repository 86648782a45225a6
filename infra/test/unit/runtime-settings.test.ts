import { DEFAULTS, ENV } from '@biot-plugin/core';
import { describe, expect, it } from 'vitest';
import { resolvePluginDeployments } from '../../lib/settings/environment-config.js';
import { LIVE, QA } from '../support/fixtures.js';
import { synthStack } from '../support/synth.js';
import { logicalIdOf, resource } from '../support/template-queries.js';

type Synth = ReturnType<typeof synthStack>;
const variablesOf = (synth: Synth, fn: { node: { defaultChild?: unknown } }) =>
  (resource(synth, logicalIdOf(synth, fn)).Properties.Environment as { Variables: Record<string, unknown> })
    .Variables;

describe('the runtime settings an environment may change', () => {
  const live = synthStack('audit-trail', 'live');
  const nightly = synthStack('nightly-report', 'live');

  it('reach the plugin function: secret cache age, public key age, BioT timeout and retries', () => {
    expect(variablesOf(live, live.stack.plugin.function)).toMatchObject({
      [ENV.secretMaxAgeSeconds]: String(LIVE.secretMaxAgeSeconds),
      [ENV.publicKeyMaxAgeSeconds]: String(LIVE.publicKeyMaxAgeSeconds),
      [ENV.httpTimeoutMs]: String(LIVE.biotTimeoutMs),
      [ENV.httpRetryLimit]: String(LIVE.biotRetryLimit),
      [ENV.logLevel]: LIVE.logLevel,
    });
  });

  it('reach the rotation and registration Lambdas too, each with its own log level', () => {
    for (const fn of [live.stack.rotation.function, live.stack.subscriptions.handler]) {
      expect(variablesOf(live, fn)).toMatchObject({
        [ENV.httpTimeoutMs]: String(LIVE.biotTimeoutMs),
        [ENV.httpRetryLimit]: String(LIVE.biotRetryLimit),
      });
    }
    expect(variablesOf(live, live.stack.rotation.function)[ENV.logLevel]).toBe(LIVE.logLevels.rotation);
    expect(variablesOf(live, live.stack.subscriptions.handler)[ENV.logLevel]).toBe(LIVE.logLevel);
  });

  it("take a plugin entry's log level for one Lambda over the environment's", () => {
    expect(variablesOf(nightly, nightly.stack.plugin.function)[ENV.logLevel]).toBe('DEBUG');
    expect(variablesOf(nightly, nightly.stack.rotation.function)[ENV.logLevel]).toBe(LIVE.logLevels.rotation);
  });

  it("are the runtime's defaults where the environment sets none", () => {
    const qa = synthStack('audit-trail', 'qa');

    expect(variablesOf(qa, qa.stack.plugin.function)).toMatchObject({
      [ENV.secretMaxAgeSeconds]: String(DEFAULTS.secretMaxAgeSeconds),
      [ENV.publicKeyMaxAgeSeconds]: String(DEFAULTS.publicKeyMaxAgeSeconds),
      [ENV.httpTimeoutMs]: String(DEFAULTS.httpTimeoutMs),
      [ENV.httpRetryLimit]: String(DEFAULTS.httpRetryLimit),
      [ENV.logLevel]: DEFAULTS.logLevel,
    });
    expect(variablesOf(qa, qa.stack.rotation.function)[ENV.logLevel]).toBe(DEFAULTS.logLevel);
  });
});

describe('the settings checks', () => {
  const qaWith =
    (changes: object, plugins: object = QA.plugins) =>
    () =>
      resolvePluginDeployments('qa', { ...QA, ...changes, plugins } as typeof QA);

  it('refuse runtime settings out of range, each naming where it is written', () => {
    expect(
      qaWith(
        { secretMaxAgeSeconds: -1, biotRetryLimit: 11, publicKeyMaxAgeSeconds: 5 },
        { ...QA.plugins, 'audit-trail': { ...QA.plugins['audit-trail'], logLevels: { rotation: 'LOUD' } } },
      ),
    ).toThrow(
      /secretMaxAgeSeconds -1 is not a whole number 0–3600[\s\S]*publicKeyMaxAgeSeconds 5 [\s\S]*biotRetryLimit 11 [\s\S]*plugins\.audit-trail\.logLevels\.rotation "LOUD"/,
    );
  });

  it("refuse a BioT timeout that is not below the plugin's own timeout", () => {
    expect(qaWith({ biotTimeoutMs: 10_000 })).toThrow(
      /plugins\.audit-trail\.biotTimeoutMs 10000 is not below the plugin's timeout \(10 s\)/,
    );
  });

  it('refuse a reserved concurrency of 0, which would throttle every call', () => {
    expect(qaWith({ reservedConcurrency: 0 })).toThrow(/reservedConcurrency 0 is not a whole number ≥ 1/);
  });

  it('refuse reservations that would leave the account fewer than 100 unreserved executions', () => {
    expect(qaWith({ lambdaConcurrencyLimit: 110 })).toThrow(
      /the plugins reserve 20 concurrent executions in all .* can reserve at most 10/,
    );
    expect(qaWith({ reservedConcurrency: 450 })).not.toThrow();
    expect(qaWith({ reservedConcurrency: 451 })).toThrow(/the plugins reserve 902/);
    expect(qaWith({ lambdaConcurrencyLimit: 10, reservedConcurrency: false })).not.toThrow();
  });

  it("refuse an operations user that is the plugin's own, or another plugin's", () => {
    const id = QA.plugins['audit-trail'].serviceUserId;
    expect(qaWith({}, { ...QA.plugins, 'audit-trail': { serviceUserId: id, operationsUserId: id } })).toThrow(
      /plugins\.audit-trail\.operationsUserId is the plugin's serviceUserId/,
    );
    expect(
      qaWith(
        {},
        {
          'audit-trail': {
            ...QA.plugins['audit-trail'],
            operationsUserId: QA.plugins['nightly-report'].serviceUserId,
          },
          'nightly-report': QA.plugins['nightly-report'],
        },
      ),
    ).toThrow(/share the service user/);
  });

  it('refuse an existing operations secret without an operations user', () => {
    expect(
      qaWith({
        existingOperationsSecretArn: 'arn:aws:secretsmanager:eu-west-1:444444444444:secret:ops-AbC123',
      }),
    ).toThrow(/existingOperationsSecretArn is set but operationsUserId is not/);
  });
});
