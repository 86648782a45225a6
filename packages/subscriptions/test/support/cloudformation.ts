import { randomUUID } from 'node:crypto';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { physicalResourceIdFor } from '../../src/custom-resource-handler.js';
import type { DeclaredSubscriptions } from '../../src/declared-subscriptions.js';

/** A Function URL as CloudFormation reports it. Nothing ever calls it: BioT (the emulator) only stores it. */
export const FUNCTION_URL = 'https://abcdefghijklmnopqrstuvwxyz234567.lambda-url.eu-central-1.on.aws/';
export const NEW_FUNCTION_URL = 'https://zyxwvutsrqponmlkjihgfedcba765432.lambda-url.eu-central-1.on.aws/';
export const OTHER_PLUGIN_URL = 'https://otherpluginotherpluginotherplug.lambda-url.eu-central-1.on.aws/';

const SERVICE_TOKEN =
  'arn:aws:lambda:eu-central-1:111111111111:function:biot-plugin-dev-SubscriptionsProvider';

export interface ResourceProperties extends Partial<DeclaredSubscriptions> {
  endpoint: string;
}

/**
 * The event the Provider framework hands the onEvent handler: CloudFormation's request with every
 * scalar property turned into a string, as CloudFormation delivers custom resource properties.
 */
export function createEvent(properties: ResourceProperties): CloudFormationCustomResourceEvent {
  return { ...common(), RequestType: 'Create', ResourceProperties: delivered(properties) };
}

export function updateEvent(
  properties: ResourceProperties,
  old: ResourceProperties,
): CloudFormationCustomResourceEvent {
  return {
    ...common(),
    RequestType: 'Update',
    PhysicalResourceId: physicalResourceIdFor(old.endpoint),
    ResourceProperties: delivered(properties),
    OldResourceProperties: delivered(old),
  };
}

export function deleteEvent(properties: ResourceProperties): CloudFormationCustomResourceEvent {
  return {
    ...common(),
    RequestType: 'Delete',
    PhysicalResourceId: physicalResourceIdFor(properties.endpoint),
    ResourceProperties: delivered(properties),
  };
}

/** A Lambda context whose remaining time runs down from `ms` as the clock does. */
export function lambdaContext(ms: number): { getRemainingTimeInMillis(): number } {
  const end = Date.now() + ms;
  return { getRemainingTimeInMillis: () => Math.max(0, end - Date.now()) };
}

function common() {
  return {
    ServiceToken: SERVICE_TOKEN,
    ResponseURL: 'https://cloudformation-custom-resource-response-eucentral1.s3.amazonaws.com/presigned',
    StackId: 'arn:aws:cloudformation:eu-central-1:111111111111:stack/biot-plugin-dev/1d2c3b4a',
    RequestId: randomUUID(),
    LogicalResourceId: 'SubscriptionsResource',
    ResourceType: 'Custom::BiotSubscriptions',
  };
}

function delivered(properties: ResourceProperties): { ServiceToken: string; [key: string]: unknown } {
  return { ServiceToken: SERVICE_TOKEN, ...(stringifyScalars(properties) as Record<string, unknown>) };
}

function stringifyScalars(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringifyScalars);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, stringifyScalars(inner)]));
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}
