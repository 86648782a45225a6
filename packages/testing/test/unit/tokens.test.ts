import { definePlugin } from '@biot-plugin/runtime';
import { INTERCEPTOR_SCOPES, type PluginTest, startPluginTest } from '@biot-plugin/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let hookRuns = 0;

/** Counts the events that got past the runtime's token checks. */
const counter = definePlugin({
  name: 'counter',
  hooks: {
    notification: () => {
      hookRuns += 1;
    },
    preRequest: (event) => {
      hookRuns += 1;
      return event.body.request;
    },
  },
  subscriptions: {
    notifications: [{ entityTypeName: 'patient', actionName: '_create' }],
    interceptions: [{ type: 'PRE_REQUEST', apiId: 'GET/organization/v1/users/patients' }],
  },
});

let kit: PluginTest;
beforeAll(async () => {
  kit = await startPluginTest(counter);
});
beforeEach(() => {
  hookRuns = 0;
});
afterAll(() => kit.close());

describe('tokens sent with kit.send', () => {
  it('refuses a forged notification token with 401 JWT_INVALID before any hook runs', async () => {
    const answer = await kit.send('notification', { token: await kit.tokens.forged() });

    expect(answer.status).toBe(401);
    expect(answer.error?.code).toBe('JWT_INVALID');
    expect(hookRuns).toBe(0);
  });

  it('blocks an intercepted call whose token is forged', async () => {
    const answer = await kit.send('preRequest', {
      token: await kit.tokens.forged({ scopes: INTERCEPTOR_SCOPES }),
    });

    expect(answer.status).toBe(401);
    expect(answer.blocked).toBe(true);
    expect(hookRuns).toBe(0);
  });

  it('refuses a genuine token without the scope of the hook type with 403 JWT_SCOPE_MISSING', async () => {
    const answer = await kit.send('preRequest', { token: await kit.tokens.genuine() });

    expect(answer.status).toBe(403);
    expect(answer.error?.code).toBe('JWT_SCOPE_MISSING');
  });

  it('refuses an expired genuine token with 401 JWT_EXPIRED', async () => {
    const answer = await kit.send('notification', {
      token: await kit.tokens.genuine({ expiresInSeconds: -60 }),
    });

    expect(answer.error?.code).toBe('JWT_EXPIRED');
  });

  it('accepts a genuine token with the scope of the hook type', async () => {
    const answer = await kit.send('preRequest', {
      token: await kit.tokens.genuine({ scopes: INTERCEPTOR_SCOPES }),
    });

    expect(answer.status).toBe(200);
    expect(hookRuns).toBe(1);
  });
});
