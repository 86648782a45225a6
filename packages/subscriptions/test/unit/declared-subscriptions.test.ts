import { describe, expect, it } from 'vitest';
import {
  canonicalSubscriptions,
  type DeclaredSubscriptions,
  findSubscriptionProblems,
  parseDeclaredSubscriptions,
} from '../../src/declared-subscriptions.js';
import { InvalidSubscriptionsError } from '../../src/errors.js';

const VALID: DeclaredSubscriptions = {
  notifications: [
    { entityTypeName: 'patient', actionName: '_create' },
    { entityTypeName: 'usage-session', actionName: '_update', templateName: 'my-session-template' },
  ],
  interceptions: [
    { type: 'PRE_REQUEST', apiId: 'POST/organization/v1/users/patients', executionOrder: 10 },
    { type: 'POST_REQUEST', apiId: 'GET/device/v2/devices', pathFilters: { templateName: 'sensor' } },
    { type: 'ADAPT_ENTITY', entityName: 'patient', executionOrder: 5 },
  ],
};

describe('the declared subscriptions', () => {
  it('accept notifications and interceptions that follow the dispatcher rules', () => {
    expect(findSubscriptionProblems(VALID)).toEqual([]);
  });

  it('may declare none', () => {
    expect(findSubscriptionProblems({ notifications: [], interceptions: [] })).toEqual([]);
    expect(findSubscriptionProblems({})).toEqual([]);
  });

  it('reject an entity type BioT does not know, naming the entry', () => {
    const problems = findSubscriptionProblems({
      notifications: [{ entityTypeName: 'patients', actionName: '_create' }],
    });

    expect(problems).toEqual([
      expect.stringMatching(
        /^subscriptions\.notifications\[0\] \(patients _create\): entityTypeName "patients" is not/,
      ),
    ]);
  });

  it('reject an action BioT does not notify for that entity type, listing the ones it does', () => {
    const problems = findSubscriptionProblems({
      notifications: [{ entityTypeName: 'device', actionName: '_login' }],
    });

    expect(problems).toEqual([
      expect.stringMatching(
        /notifications\[0\] \(device _login\): actionName "_login" is not an action .* device \(_activateCertificate/,
      ),
    ]);
  });

  it('reject an apiId on an ADAPT_ENTITY interception', () => {
    const problems = findSubscriptionProblems({
      interceptions: [{ type: 'ADAPT_ENTITY', entityName: 'patient', apiId: 'GET/device/v2/devices' }],
    });

    expect(problems).toEqual([
      'subscriptions.interceptions[0] (ADAPT_ENTITY GET/device/v2/devices): apiId is for PRE_REQUEST and POST_REQUEST only',
    ]);
  });

  it('reject an entityName on a PRE_REQUEST or POST_REQUEST interception', () => {
    const problems = findSubscriptionProblems({
      interceptions: [{ type: 'POST_REQUEST', apiId: 'GET/device/v2/devices', entityName: 'device' }],
    });

    expect(problems).toEqual([
      'subscriptions.interceptions[0] (POST_REQUEST GET/device/v2/devices): entityName is for ADAPT_ENTITY only',
    ]);
  });

  it('reject a PRE_REQUEST interception whose apiId is not <METHOD>/<path>', () => {
    const problems = findSubscriptionProblems({
      interceptions: [{ type: 'PRE_REQUEST', apiId: '/device/v2/devices' }],
    });

    expect(problems).toEqual([expect.stringMatching(/interceptions\[0\].*needs an apiId like/)]);
  });

  it("reject an apiId that is not one of BioT's APIs, naming the closest ones", () => {
    const problems = findSubscriptionProblems({
      interceptions: [{ type: 'POST_REQUEST', apiId: 'POST/organization/v1/users/patient' }],
    });

    expect(problems).toEqual([
      expect.stringContaining(
        `(POST_REQUEST POST/organization/v1/users/patient): apiId "POST/organization/v1/users/patient" is not an API in BioT's OpenAPI files; closest: POST/organization/v1/users/patients`,
      ),
    ]);
  });

  it('reject an apiId whose method BioT does not serve on that path', () => {
    const problems = findSubscriptionProblems({
      interceptions: [{ type: 'PRE_REQUEST', apiId: 'PUT/organization/v1/users/patients/{id}' }],
    });

    expect(problems).toEqual([expect.stringContaining('is not an API in BioT')]);
  });

  it('accept an apiId that scopes a path parameter to a concrete value', () => {
    const problems = findSubscriptionProblems({
      interceptions: [
        { type: 'PRE_REQUEST', apiId: 'POST/organization/v1/users/patients/templates/{templateName}' },
        { type: 'POST_REQUEST', apiId: 'POST/organization/v1/users/patients/templates/ward-patient' },
      ],
    });

    expect(problems).toEqual([]);
  });

  it('reject an ADAPT_ENTITY interception without an entityName', () => {
    expect(findSubscriptionProblems({ interceptions: [{ type: 'ADAPT_ENTITY' }] })).toEqual([
      expect.stringMatching(/ADAPT_ENTITY needs an entityName/),
    ]);
  });

  it("point out the plugin API's field names, which the dispatcher spells differently", () => {
    const problems = findSubscriptionProblems({
      interceptions: [{ type: 'ADAPT_ENTITY', entityTypeName: 'patient', entityName: 'patient', order: 5 }],
    });

    expect(problems).toEqual([
      expect.stringMatching(/unknown field "entityTypeName"; the dispatcher calls it "entityName"/),
      expect.stringMatching(/unknown field "order"; the dispatcher calls it "executionOrder"/),
    ]);
  });

  it('reject an order that is not a whole number of at least 0', () => {
    const problems = findSubscriptionProblems({
      interceptions: [{ type: 'PRE_REQUEST', apiId: 'GET/device/v2/devices', executionOrder: 1.5 }],
    });

    expect(problems).toEqual([expect.stringMatching(/executionOrder 1.5 is not a whole number ≥ 0/)]);
  });

  it('reject the same subscription declared twice', () => {
    const problems = findSubscriptionProblems({
      notifications: [
        { entityTypeName: 'patient', actionName: '_create' },
        { entityTypeName: 'patient', actionName: '_create', templateName: '' },
      ],
    });

    expect(problems).toEqual([expect.stringMatching(/templateName must be a non-empty string/)]);
    expect(
      findSubscriptionProblems({
        notifications: [
          { entityTypeName: 'patient', actionName: '_create' },
          { entityTypeName: 'patient', actionName: '_create' },
        ],
      }),
    ).toEqual(['subscriptions.notifications[1] repeats notifications[0] (patient _create)']);
  });

  it('reject two interceptions of one call that take the same order, which BioT keeps unique', () => {
    const problems = findSubscriptionProblems({
      interceptions: [
        {
          type: 'PRE_REQUEST',
          apiId: 'GET/device/v2/devices',
          pathFilters: { templateName: 'a' },
          executionOrder: 3,
        },
        {
          type: 'PRE_REQUEST',
          apiId: 'GET/device/v2/devices',
          pathFilters: { templateName: 'b' },
          executionOrder: 3,
        },
      ],
    });

    expect(problems).toEqual([
      expect.stringMatching(/interceptions\[1\] and interceptions\[0\] both take executionOrder 3/),
    ]);
  });

  it('list every problem at once, so synth fails once with the whole list', () => {
    const problems = findSubscriptionProblems({
      notifications: [{ entityTypeName: 'nope', actionName: '_create' }],
      interceptions: [{ type: 'MID_REQUEST' }],
      extra: true,
    });

    expect(problems).toHaveLength(3);
  });

  it('throw a typed error listing the problems when parsed', () => {
    expect(() => parseDeclaredSubscriptions({ notifications: 'all' })).toThrow(InvalidSubscriptionsError);
    expect(() => parseDeclaredSubscriptions({ notifications: 'all' })).toThrow(
      /notifications must be a list/,
    );
  });
});

describe('the canonical form', () => {
  it('does not depend on the order of the config file', () => {
    const reordered: DeclaredSubscriptions = {
      notifications: [...VALID.notifications].reverse(),
      interceptions: [...VALID.interceptions].reverse(),
    };

    expect(canonicalSubscriptions(reordered)).toEqual(canonicalSubscriptions(VALID));
  });

  it('leaves out empty optional fields, so `pathFilters: {}` changes nothing', () => {
    const canonical = canonicalSubscriptions({
      notifications: [],
      interceptions: [{ type: 'PRE_REQUEST', apiId: 'GET/device/v2/devices', pathFilters: {} }],
    });

    expect(canonical.interceptions).toEqual([{ type: 'PRE_REQUEST', apiId: 'GET/device/v2/devices' }]);
  });
});
