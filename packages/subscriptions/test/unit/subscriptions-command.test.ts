import type { BiotEmulator } from '@biot-plugin/biot-emulator';
import { environmentSecretSource } from '@biot-plugin/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeclaredSubscriptions } from '../../src/declared-subscriptions.js';
import {
  EXIT,
  runSubscriptionsCommand,
  type SubscriptionsCommandArgs,
  type SubscriptionsCommandDependencies,
} from '../../src/subscriptions-command.js';
import {
  dispatcherFor,
  inFiveSeconds,
  interceptionsIn,
  notificationsIn,
  PLACEHOLDER_JSON,
  SECRET_JSON,
  SERVICE_USER,
  startBiot,
} from '../support/biot.js';
import { FUNCTION_URL } from '../support/cloudformation.js';

const DECLARED: DeclaredSubscriptions = {
  notifications: [{ entityTypeName: 'patient', actionName: '_create' }],
  interceptions: [{ type: 'ADAPT_ENTITY', entityName: 'patient', executionOrder: 5 }],
};

let biot: BiotEmulator;

beforeAll(async () => {
  biot = await startBiot();
});
afterAll(() => biot.close());
beforeEach(() => biot.reset());

async function run(
  overrides: Partial<SubscriptionsCommandArgs> = {},
  dependencies: SubscriptionsCommandDependencies = {},
) {
  let stdout = '';
  let stderr = '';
  const code = await runSubscriptionsCommand(
    {
      env: 'dev',
      apply: false,
      endpoint: FUNCTION_URL,
      declared: DECLARED,
      biotBaseUrl: biot.url,
      serviceUserId: SERVICE_USER.id,
      secretArn: 'arn:aws:secretsmanager:eu-central-1:111111111111:secret:biot-plugin-dev-AbC123',
      ...overrides,
    },
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    },
    { secrets: environmentSecretSource(SECRET_JSON), ...dependencies },
  );
  return { code, stdout, stderr };
}

/** BioT with the declared notification, an undeclared one, and the interception at another order. */
async function arrangeDrift(): Promise<void> {
  const dispatcher = await dispatcherFor(biot);
  await dispatcher.subscribeNotification(
    FUNCTION_URL,
    { entityTypeName: 'patient', actionName: '_create' },
    inFiveSeconds(),
  );
  await dispatcher.subscribeNotification(
    FUNCTION_URL,
    { entityTypeName: 'device', actionName: '_delete' },
    inFiveSeconds(),
  );
  await dispatcher.subscribeInterception(
    FUNCTION_URL,
    { type: 'ADAPT_ENTITY', entityName: 'patient', executionOrder: 8 },
    inFiveSeconds(),
  );
}

describe('pnpm ops subscriptions', () => {
  it('shows the declared set beside what BioT has, with the drift marked, and exits 2', async () => {
    await arrangeDrift();

    const { code, stdout } = await run();

    expect(code).toBe(EXIT.drift);
    expect(stdout).toMatch(/^= +patient _create +yes +yes$/m);
    expect(stdout).toMatch(/^- +device _delete +- +yes +not declared: --apply unsubscribes it$/m);
    expect(stdout).toMatch(/^~ +ADAPT_ENTITY patient +order 5 +order 8 +order differs/m);
    expect(stdout).toContain('pnpm ops subscriptions --env dev --apply');
  });

  it('marks what is declared and missing in BioT', async () => {
    const { code, stdout } = await run();

    expect(code).toBe(EXIT.drift);
    expect(stdout).toMatch(/^\+ +patient _create +yes +- +missing in BioT/m);
  });

  it('changes nothing in BioT without --apply', async () => {
    await arrangeDrift();

    await run();

    expect(notificationsIn(biot, FUNCTION_URL)).toEqual(['device _delete', 'patient _create']);
  });

  it('with --apply makes BioT match the declared set and exits 0', async () => {
    await arrangeDrift();

    const { code, stdout } = await run({ apply: true });

    expect(code).toBe(EXIT.inSync);
    expect(stdout).toContain('applied: unsubscribe notification device _delete');
    expect(stdout).toContain('BioT now matches the declared set (2 change(s))');
    expect(notificationsIn(biot, FUNCTION_URL)).toEqual(['patient _create']);
    expect(interceptionsIn(biot, FUNCTION_URL)).toEqual(['ADAPT_ENTITY patient @5']);
  });

  it('says BioT matches and exits 0 when there is no drift', async () => {
    await run({ apply: true });

    const { code, stdout } = await run();

    expect(code).toBe(EXIT.inSync);
    expect(stdout).toContain('BioT matches the declared set.');
  });

  it('fails with the list of problems when the declared set is invalid', async () => {
    const { code, stderr } = await run({
      declared: { notifications: [{ entityTypeName: 'patient', actionName: '_start' }] },
    });

    expect(code).toBe(EXIT.failed);
    expect(stderr).toMatch(/environments\.dev\.subscriptions\.notifications\[0\] \(patient _start\)/);
  });

  it('tells the operator to set the secret when it still holds the placeholder', async () => {
    const { code, stderr } = await run({}, { secrets: environmentSecretSource(PLACEHOLDER_JSON) });

    expect(code).toBe(EXIT.failed);
    expect(stderr).toContain('pnpm ops secret-set --env dev');
  });

  it('fails with a reason, within its time budget, when BioT does not answer', async () => {
    biot.injectFault({ route: '*', hang: true, times: Number.POSITIVE_INFINITY });
    const started = Date.now();

    const { code, stderr } = await run({}, { timeoutMs: 1_000 });

    expect(code).toBe(EXIT.failed);
    expect(stderr).toMatch(/BioT did not answer POST \/ums\/v2\/services\/accessToken in time/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
