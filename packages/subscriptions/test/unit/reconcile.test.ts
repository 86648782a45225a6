import { describe, expect, it } from 'vitest';
import type { DeclaredSubscriptions } from '../../src/declared-subscriptions.js';
import { describeStep } from '../../src/describe.js';
import { compareSubscriptions, isInSync, planReconciliation } from '../../src/reconcile.js';
import type { RegisteredSubscriptions } from '../../src/registered-subscriptions.js';

const URL = 'https://abc.lambda-url.eu-central-1.on.aws/';
const NONE = { notifications: [], interceptions: [] };

function plan(
  declared: Partial<DeclaredSubscriptions>,
  registered: Partial<RegisteredSubscriptions>,
): string[] {
  const comparison = compareSubscriptions({ ...NONE, ...declared }, { ...NONE, ...registered }, URL);
  return planReconciliation(comparison).map(describeStep);
}

describe('the reconciliation plan', () => {
  it('is empty when BioT has exactly the declared set', () => {
    const declared = { notifications: [{ entityTypeName: 'patient', actionName: '_create' }] };
    const comparison = compareSubscriptions(
      { ...NONE, ...declared },
      { ...NONE, notifications: [{ entityTypeName: 'patient', actionName: '_create', endpoint: URL }] },
      URL,
    );

    expect(planReconciliation(comparison)).toEqual([]);
    expect(isInSync(comparison)).toBe(true);
  });

  it('subscribes what is declared and missing in BioT', () => {
    expect(plan({ notifications: [{ entityTypeName: 'patient', actionName: '_create' }] }, {})).toEqual([
      'subscribe notification patient _create',
    ]);
  });

  it('unsubscribes what BioT has and the config does not declare', () => {
    expect(
      plan({}, { notifications: [{ entityTypeName: 'device', actionName: '_update', endpoint: URL }] }),
    ).toEqual(['unsubscribe notification device _update']);
  });

  it('tells notifications apart by their template', () => {
    expect(
      plan(
        { notifications: [{ entityTypeName: 'patient', actionName: '_create', templateName: 'a' }] },
        { notifications: [{ entityTypeName: 'patient', actionName: '_create', endpoint: URL }] },
      ),
    ).toEqual([
      'subscribe notification patient _create template a',
      'unsubscribe notification patient _create',
    ]);
  });

  it('tells interceptions apart by their path filters, whatever their key order', () => {
    expect(
      plan(
        { interceptions: [{ type: 'PRE_REQUEST', apiId: 'GET/x', pathFilters: { a: '1', b: '2' } }] },
        {
          interceptions: [
            { type: 'PRE_REQUEST', apiId: 'GET/x', pathFilters: { b: '2', a: '1' }, endpoint: URL },
          ],
        },
      ),
    ).toEqual([]);
  });

  it('re-subscribes an interception whose declared order BioT does not have', () => {
    expect(
      plan(
        { interceptions: [{ type: 'ADAPT_ENTITY', entityName: 'patient', executionOrder: 5 }] },
        {
          interceptions: [{ type: 'ADAPT_ENTITY', entityName: 'patient', executionOrder: 7, endpoint: URL }],
        },
      ),
    ).toEqual(['re-subscribe interception ADAPT_ENTITY patient from order 7 to 5']);
  });

  it("accepts BioT's order for an interception that declares none", () => {
    expect(
      plan(
        { interceptions: [{ type: 'ADAPT_ENTITY', entityName: 'patient' }] },
        {
          interceptions: [{ type: 'ADAPT_ENTITY', entityName: 'patient', executionOrder: 7, endpoint: URL }],
        },
      ),
    ).toEqual([]);
  });

  it('subscribes before it unsubscribes, so a changed interceptor is never briefly missing', () => {
    expect(
      plan(
        { interceptions: [{ type: 'PRE_REQUEST', apiId: 'GET/x', pathFilters: { templateName: 'new' } }] },
        {
          interceptions: [
            { type: 'PRE_REQUEST', apiId: 'GET/x', pathFilters: { templateName: 'old' }, endpoint: URL },
          ],
        },
      ),
    ).toEqual([
      'subscribe interception PRE_REQUEST GET/x {templateName=new}',
      'unsubscribe interception PRE_REQUEST GET/x {templateName=old}',
    ]);
  });

  it('places interceptions of one call in ascending order', () => {
    expect(
      plan(
        {
          interceptions: [
            { type: 'PRE_REQUEST', apiId: 'GET/x', pathFilters: { t: 'b' }, executionOrder: 9 },
            { type: 'PRE_REQUEST', apiId: 'GET/x', pathFilters: { t: 'a' }, executionOrder: 2 },
          ],
        },
        {},
      ),
    ).toEqual([
      'subscribe interception PRE_REQUEST GET/x {t=a} order 2',
      'subscribe interception PRE_REQUEST GET/x {t=b} order 9',
    ]);
  });

  it('keeps the exact spelling of the URL and unsubscribes the same subscription under the other one', () => {
    const bare = URL.replace(/\/$/, '');
    const comparison = compareSubscriptions(
      { ...NONE, notifications: [{ entityTypeName: 'patient', actionName: '_create' }] },
      {
        ...NONE,
        notifications: [
          { entityTypeName: 'patient', actionName: '_create', endpoint: bare },
          { entityTypeName: 'patient', actionName: '_create', endpoint: URL },
        ],
      },
      URL,
    );

    expect(planReconciliation(comparison)).toEqual([
      {
        action: 'unsubscribe-notification',
        registered: { entityTypeName: 'patient', actionName: '_create', endpoint: bare },
      },
    ]);
  });
});
