import { TOKEN_REFUSAL_CODES } from '@biot-plugin/core';
import { block, createHandler, definePlugin, loadConfig } from '@biot-plugin/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  REFUSAL_LOG_MESSAGE,
  REFUSED_CALLS_METRIC,
  refusedCallsPattern,
} from '../../lib/construct/plugin-alarms.js';
import { LIVE, QA } from '../support/fixtures.js';
import { synthQaWith, synthStack } from '../support/synth.js';
import { logicalIdOf } from '../support/template-queries.js';

// What the metric filter counts must be what the runtime writes: these tests run the runtime's
// real handler (hooks defined here), read its log lines, and hold them against the filter's terms.
const plugin = definePlugin({
  name: 'flood-fixture',
  hooks: { notification: async () => {}, preRequest: async () => block(403, 'ACCESS_DENIED', 'Not today') },
  subscriptions: {
    notifications: [{ entityTypeName: 'patient', actionName: '_create' }],
    interceptions: [{ type: 'PRE_REQUEST', apiId: 'DELETE/organization/v1/users/patients/{id}' }],
  },
});

// BioT's bodies, shaped as its captures (BIOT-CONTRACT.md §1.3–1.4), so only the token decides.
const NOTIFICATION = {
  metadata: { entityTypeName: 'patient', actionName: '_create', status: 'SUCCESS' },
  data: { entity: { _id: '72b65591-2bc4-4b8a-877b-827a5a1057b3' }, additionalData: {} },
};
const PRE_REQUEST = {
  initiatorData: { subjectId: '3e256d8d-e5e2-42bf-a091-1e6b4afef2fb', tokenType: 'USER' },
  method: 'DELETE',
  entityName: 'patient',
  apiId: 'DELETE/organization/v1/users/patients/{id}',
  request: {
    body: null,
    path: '/organization/v1/users/patients/1',
    queryParameters: {},
    headers: {},
    pathVariables: [],
  },
};

function functionUrlEvent(headers: Record<string, string>, body: unknown) {
  return {
    version: '2.0',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    requestContext: { http: { method: 'POST', path: '/' } },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

// Powertools writes WARN and ERROR lines to stderr, the others to stdout; CloudWatch gets both.
let lines: string[] = [];
const originals = { out: process.stdout.write, err: process.stderr.write };
beforeEach(() => {
  lines = [];
  const capture = ((chunk: unknown) => {
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((line) => line.startsWith('{')),
    );
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = capture;
  process.stderr.write = capture;
});
afterEach(() => {
  process.stdout.write = originals.out;
  process.stderr.write = originals.err;
});

/** The filter's terms: `$.message = "Event refused" && $.code in TOKEN_REFUSAL_CODES`. */
const counted = (entry: Record<string, unknown>) =>
  entry.message === REFUSAL_LOG_MESSAGE && (TOKEN_REFUSAL_CODES as readonly unknown[]).includes(entry.code);

async function answerAndLog(env: Record<string, string>, event: unknown) {
  const handler = createHandler({
    config: loadConfig({ BIOT_BASE_URL: 'http://127.0.0.1:9', BIOT_APP_NAME: 'flood-fixture', ...env }),
    plugin,
  });
  const answer = await handler(event, { getRemainingTimeInMillis: () => 3000 });
  return { answer, entries: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('the refused-calls metric', () => {
  it.each([
    [
      'a notification without a token',
      functionUrlEvent({ hooktype: 'NOTIFICATION' }, NOTIFICATION),
      401,
      'JWT_MISSING',
    ],
    [
      'an interceptor call with a token that is no JWS',
      functionUrlEvent({ hooktype: 'INTERCEPTOR_PRE', authorization: 'Bearer not.a-jwt' }, PRE_REQUEST),
      401,
      'JWT_INVALID',
    ],
    [
      'a call without hooktype through the URL',
      functionUrlEvent({ authorization: 'Bearer x.y.z' }, {}),
      403,
      'SCHEDULED_VIA_URL_DISABLED',
    ],
  ])('counts %s, which the runtime refuses and logs', async (_, event, status, code) => {
    const { answer, entries } = await answerAndLog({}, event);

    expect(answer.statusCode).toBe(status);
    expect(entries.filter(counted)).toEqual([expect.objectContaining({ statusCode: status, code })]);
  });

  it("does not count a hook's own block(403): that is the plugin's business, not a flood", async () => {
    const event = functionUrlEvent({ hooktype: 'INTERCEPTOR_PRE', authorization: 'Bearer x' }, PRE_REQUEST);
    const { answer, entries } = await answerAndLog({ BIOT_SHOULD_VALIDATE_JWT: 'false' }, event);

    expect(answer.statusCode).toBe(403);
    expect(
      entries.some((entry) => entry.message === REFUSAL_LOG_MESSAGE && entry.code === 'ACCESS_DENIED'),
    ).toBe(true);
    expect(entries.filter(counted)).toEqual([]);
  });

  it('is CloudWatch JSON filter syntax built from exactly those terms', () => {
    expect(refusedCallsPattern().logPatternString).toBe(
      `{ ($.message = "${REFUSAL_LOG_MESSAGE}") && (${TOKEN_REFUSAL_CODES.map((c) => `($.code = "${c}")`).join(' || ')}) }`,
    );
  });
});

describe('the RefusedCalls alarm', () => {
  const live = synthStack('audit-trail', 'live');

  it("counts the plugin function's log lines, per plugin and BioT environment", () => {
    live.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: logicalIdOf(live, live.stack.plugin.logGroup) },
      FilterPattern: refusedCallsPattern().logPatternString,
      MetricTransformations: [
        {
          MetricNamespace: REFUSED_CALLS_METRIC.namespace,
          MetricName: REFUSED_CALLS_METRIC.name,
          MetricValue: '1',
          Dimensions: [
            { Key: 'Plugin', Value: '$.appName' },
            { Key: 'Environment', Value: '$.environment' },
          ],
          Unit: 'Count',
        },
      ],
    });
  });

  it("fires at the environment's threshold in 5 minutes and notifies the alarm topic", () => {
    live.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: REFUSED_CALLS_METRIC.namespace,
      MetricName: REFUSED_CALLS_METRIC.name,
      Dimensions: [
        { Name: 'Environment', Value: LIVE.biotEnvironment },
        { Name: 'Plugin', Value: 'audit-trail' },
      ],
      Statistic: 'Sum',
      Period: 300,
      Threshold: LIVE.refusedCallsAlarmThreshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('fires at 20 refusals by default, in every environment', () => {
    const qa = synthQaWith('audit-trail', {});

    qa.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: REFUSED_CALLS_METRIC.name,
      Threshold: 20,
      Dimensions: [
        { Name: 'Environment', Value: QA.biotEnvironment },
        { Name: 'Plugin', Value: 'audit-trail' },
      ],
    });
  });
});
