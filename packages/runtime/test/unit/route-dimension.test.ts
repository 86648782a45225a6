import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rememberRouteTemplate, routeDimension } from '../../src/metrics/route-dimension.js';

describe('the Route dimension of a BioT call', () => {
  it('is the template the call was made with', () => {
    rememberRouteTemplate('PATCH', '/device/v2/devices/{id}');

    expect(routeDimension('PATCH', '/device/v2/devices/{id}')).toBe('PATCH /device/v2/devices/{id}');
  });

  it('knows the runtime’s own calls, the key fetch and the login', () => {
    expect(routeDimension('GET', '/ums/v1/security/public-key')).toBe('GET /ums/v1/security/public-key');
    expect(routeDimension('POST', '/ums/v2/services/accessToken')).toBe('POST /ums/v2/services/accessToken');
  });

  it('is one fixed value per method for a path no template was given for', () => {
    expect(
      routeDimension('GET', '/organization/v1/users/patients/72b65591-5f5d-4f3e-9d3c-2f2b0e1c4a11'),
    ).toBe('GET (unlisted)');
    expect(routeDimension('BREW', '/coffee')).toBe('OTHER (unlisted)');
  });

  it('never takes a "template" that holds data as one', () => {
    const id = fc.oneof(
      fc.uuid(),
      fc.integer({ min: 100, max: 1e9 }).map(String),
      fc.stringMatching(/^[0-9a-f]{8,16}$/),
      fc.emailAddress(),
    );
    fc.assert(
      fc.property(id, (value) => {
        const template = `/organization/v1/users/patients/${value}/{id}`;
        rememberRouteTemplate('GET', template);
        expect(routeDimension('GET', template)).toBe('GET (unlisted)');
      }),
    );
  });
});
