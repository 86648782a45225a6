import { isHttpUrl } from '@biot-plugin/core';
import { type DeclaredSubscriptions, parseDeclaredSubscriptions } from './declared-subscriptions.js';
import { InvalidResourcePropertiesError } from './errors.js';

/**
 * The custom resource's properties, as the CDK construct writes them:
 * `{ endpoint: <Function URL>, notifications: [...], interceptions: [...] }`.
 */
export interface SubscriptionsResourceProperties {
  readonly endpoint: string;
  readonly declared: DeclaredSubscriptions;
}

/**
 * Reads the properties of a CloudFormation event. CloudFormation hands every scalar to a custom
 * resource as a string, so `executionOrder: 3` arrives as `"3"`; it is turned back into a number
 * before the same validation synth ran.
 */
export function parseResourceProperties(properties: unknown): SubscriptionsResourceProperties {
  if (typeof properties !== 'object' || properties === null) {
    throw new InvalidResourcePropertiesError('The custom resource has no properties');
  }
  const { endpoint, notifications = [], interceptions = [] } = properties as Record<string, unknown>;
  return {
    endpoint: parseEndpoint(endpoint),
    declared: parseDeclaredSubscriptions(
      {
        notifications,
        interceptions: Array.isArray(interceptions) ? interceptions.map(withNumericOrder) : interceptions,
      },
      'ResourceProperties',
    ),
  };
}

/** Only the endpoint, from OldResourceProperties: what an update moves away from. */
export function parseEndpointOf(properties: unknown): string | undefined {
  const endpoint = (properties as { endpoint?: unknown } | undefined)?.endpoint;
  return typeof endpoint === 'string' && isHttpUrl(endpoint) ? endpoint : undefined;
}

function parseEndpoint(endpoint: unknown): string {
  if (typeof endpoint !== 'string' || !isHttpUrl(endpoint)) {
    throw new InvalidResourcePropertiesError(
      `The custom resource's endpoint ${JSON.stringify(endpoint)} is not the plugin's Function URL`,
    );
  }
  return endpoint;
}

function withNumericOrder(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null) return entry;
  const { executionOrder } = entry as { executionOrder?: unknown };
  if (typeof executionOrder !== 'string' || !/^\d+$/.test(executionOrder)) return entry;
  return { ...entry, executionOrder: Number(executionOrder) };
}
