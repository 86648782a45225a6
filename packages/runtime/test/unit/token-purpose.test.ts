import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createHandler } from '../../src/pipeline/create-handler.js';
import { definePlugin } from '../../src/plugin/define-plugin.js';
import { functionUrlEvent } from '../support/function-url-events.js';
import {
  bodyOf,
  type Harness,
  lambdaContext,
  SERVICE_SECRET,
  SERVICE_USER_ID,
  startHarness,
} from '../support/plugin-harness.js';
import { testHooks } from '../support/test-plugin.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

const SCHEDULE_SCOPE = 'PLUGIN_SCHEDULED_JOB';

/** A plugin that lets BioT start its job through the URL, for tokens with its own scope. */
function jobOverUrl() {
  return createHandler({
    config: loadConfig({
      BIOT_BASE_URL: harness.emulator.url,
      BIOT_SERVICE_USER_ID: SERVICE_USER_ID,
      BIOT_SERVICE_USER_SECRET_KEY: SERVICE_SECRET,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    }),
    plugin: definePlugin({
      name: 'job-over-url',
      hooks: { scheduled: () => ({ ran: true }) },
      subscriptions: {},
      schedule: 'rate(1 hour)',
      scheduledViaUrl: { scope: SCHEDULE_SCOPE },
    }),
    env: {},
  });
}

describe('tokens held to their purpose', () => {
  it.each([
    ['NOTIFICATION', ['ACTION_NOTIFICATION']],
    ['INTERCEPTOR_PRE', ['PLUGIN_INTERCEPTOR']],
    ['INTERCEPTOR_POST', ['PLUGIN_INTERCEPTOR']],
    ['INTERCEPTOR_POST_ENTITY', ['PLUGIN_INTERCEPTOR']],
  ] as const)(
    'refuses a %s token that is not one of BioT’s service tokens, scope or not',
    async (type, scopes) => {
      for (const claims of [{ tokenType: 'USER' }, { tokenType: undefined }]) {
        const token = await harness.emulator.signEventToken({ scopes: [...scopes], claims });
        const result = await harness.invoke(type, { token });
        expect(result.statusCode).toBe(403);
        expect(bodyOf(result).code).toBe('JWT_TOKEN_TYPE_NOT_ALLOWED');
      }
    },
  );

  it('does not run the scheduled job for a genuine notification or interceptor token sent without hooktype', async () => {
    for (const scopes of [['ACTION_NOTIFICATION'], ['PLUGIN_INTERCEPTOR']]) {
      const token = await harness.emulator.signEventToken({ scopes });
      const result = await harness.invoke('NONSPECIFIC', { token });
      expect(result.statusCode).toBe(403);
      expect(bodyOf(result).code).toBe('SCHEDULED_VIA_URL_DISABLED');
    }
  });

  it('runs it through the URL only for a plugin that opted in, with a BioT service token carrying its scope', async () => {
    const handler = jobOverUrl();
    const send = async (scopes: string[], claims: Record<string, unknown> = {}) => {
      const token = await harness.emulator.signEventToken({ scopes, claims });
      const event = await harness.emulator.buildEvent('NONSPECIFIC', { token });
      return handler(functionUrlEvent(event), lambdaContext());
    };
    expect(bodyOf(await send([SCHEDULE_SCOPE]))).toEqual({ ran: true });
    expect(bodyOf(await send(['ACTION_NOTIFICATION'])).code).toBe('JWT_SCOPE_MISSING');
    expect(bodyOf(await send([SCHEDULE_SCOPE], { tokenType: 'USER' })).code).toBe(
      'JWT_TOKEN_TYPE_NOT_ALLOWED',
    );
  });

  it('runs the job on AWS’s direct invocation, which IAM authorised, without any token', async () => {
    const result = await harness.coldStart({}, testHooks)({ source: 'aws.scheduler' }, lambdaContext());
    expect(result.statusCode).toBe(200);
  });
});
