import { newTrace, type SecretSource } from '@biot-plugin/core';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { BiotDispatcher, CallContext } from './biot-dispatcher.js';
import { type BiotConnection, openDispatcher } from './biot-session.js';
import { CALL_GRACE_MS, withDeadline } from './deadline.js';
import { type DeclaredSubscriptions, NO_SUBSCRIPTIONS } from './declared-subscriptions.js';
import { describeStep } from './describe.js';
import { InvalidResourcePropertiesError, RegistrationError } from './errors.js';
import { explainFailure } from './explain-failure.js';
import type { ReconciliationStep } from './reconcile.js';
import { parseEndpointOf, parseResourceProperties } from './resource-properties.js';
import { readServiceSecret } from './service-secret.js';
import type { SubscriptionsLogger } from './subscriptions-logger.js';
import { syncEndpoint } from './sync-endpoint.js';

/** What the Provider framework passes on to CloudFormation (PhysicalResourceId, and `Fn::GetAtt` data). */
export interface SubscriptionsResourceResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: { readonly Summary: string };
}

/** The part of the Lambda context used: the time left before the Lambda is stopped. */
export interface RemainingTime {
  getRemainingTimeInMillis(): number;
}

export interface SubscriptionsHandlerOptions {
  readonly biot: BiotConnection;
  /** The plugin's service-user secret. */
  readonly secrets: SecretSource;
  readonly logger: SubscriptionsLogger;
  /**
   * Kept back from the Lambda's remaining time: the answer to the Provider framework must leave
   * before the Lambda is stopped, or CloudFormation learns of the failure only from a timeout.
   * @default 5000
   */
  readonly answerMarginMs?: number;
}

export type SubscriptionsEventHandler = (
  event: CloudFormationCustomResourceEvent,
  context: RemainingTime,
) => Promise<SubscriptionsResourceResponse>;

const DEFAULT_ANSWER_MARGIN_MS = 5_000;

/**
 * The message the stack shows when the secret still holds the placeholder. Registration then
 * succeeds doing nothing instead of failing: on a first deploy the stack has only just created
 * the secret, and a failure would roll the stack, the secret with it, back.
 */
export const PLACEHOLDER_SUMMARY =
  'Not registered: the service-user secret still holds the placeholder. Set the key ' +
  '(pnpm ops secret-set --env <name>), then run pnpm ops subscriptions --env <name> --apply.';

/** The physical id stays the same while the endpoint does; a new Function URL is a new resource. */
export function physicalResourceIdFor(endpoint: string): string {
  return `biot-subscriptions:${endpoint}`;
}

/**
 * The onEvent handler of the Provider framework. Create and Update make BioT's subscriptions for
 * the Function URL equal to the declared set (and an Update that moves to a new URL empties the
 * old one); Delete unsubscribes everything for the URL. A failure is thrown as an Error whose
 * message the framework reports to CloudFormation as the FAILED reason, always before the Lambda's
 * timeout. A failed Create undoes what it subscribed, because CloudFormation never sends the
 * Delete for a resource whose Create failed.
 */
export function createSubscriptionsHandler(options: SubscriptionsHandlerOptions): SubscriptionsEventHandler {
  const margin = options.answerMarginMs ?? DEFAULT_ANSWER_MARGIN_MS;
  return async (event, context) => {
    // Whole milliseconds: the BioT client hands the budget to AbortSignal.timeout, which takes integers only.
    const answerBy = Math.floor(Date.now() + context.getRemainingTimeInMillis() - margin);
    const { traceparent, traceId } = newTrace();
    // Never the event itself: it carries CloudFormation's pre-signed response URL.
    const logger = withAttributes(options.logger, {
      requestType: event.RequestType,
      logicalResourceId: event.LogicalResourceId,
      traceId,
    });
    try {
      const response = await withDeadline(
        handle(event, { deadline: answerBy - CALL_GRACE_MS, traceparent }, options, logger),
        answerBy,
        `${event.RequestType} of the BioT subscriptions`,
      );
      logger.info('BioT subscriptions done', { ...response });
      return response;
    } catch (error) {
      const message = explainFailure(error, options.biot.baseUrl);
      logger.error('BioT subscriptions failed', { reason: message });
      throw new RegistrationError(message, [], { cause: error });
    }
  };
}

async function handle(
  event: CloudFormationCustomResourceEvent,
  answerContext: CallContext,
  options: SubscriptionsHandlerOptions,
  logger: SubscriptionsLogger,
): Promise<SubscriptionsResourceResponse> {
  if (event.RequestType === 'Delete') return handleDelete(event, answerContext, options, logger);
  const { endpoint, declared } = parseResourceProperties(event.ResourceProperties);
  const physicalResourceId = physicalResourceIdFor(endpoint);
  const secret = await readServiceSecret(options.secrets);
  if (secret.kind === 'placeholder') {
    logger.warn('BioT subscriptions not changed: the service-user secret still holds the placeholder', {
      endpoint,
    });
    return { PhysicalResourceId: physicalResourceId, Data: { Summary: PLACEHOLDER_SUMMARY } };
  }
  const syncOptions = { logger, biotBaseUrl: options.biot.baseUrl };

  // A Create keeps part of its time to undo a half-done registration.
  const workContext =
    event.RequestType === 'Create'
      ? { ...answerContext, deadline: answerContext.deadline - undoReserve(answerContext.deadline) }
      : answerContext;
  const dispatcher = await openDispatcher(options.biot, secret.secret.secretKey, workContext);
  try {
    await syncEndpoint(dispatcher, endpoint, declared, workContext, syncOptions);
  } catch (error) {
    if (event.RequestType === 'Create' && error instanceof RegistrationError && error.applied.length > 0) {
      throw await undoCreate(dispatcher, endpoint, error, answerContext, syncOptions);
    }
    throw error;
  }
  const oldEndpoint =
    event.RequestType === 'Update' ? parseEndpointOf(event.OldResourceProperties) : undefined;
  if (oldEndpoint !== undefined && oldEndpoint !== endpoint) {
    // The old Function URL is gone or going: BioT must stop calling it.
    await syncEndpoint(dispatcher, oldEndpoint, NO_SUBSCRIPTIONS, answerContext, syncOptions);
  }
  return { PhysicalResourceId: physicalResourceId, Data: { Summary: summaryOf(declared, endpoint) } };
}

/**
 * Unsubscribes everything for the endpoint. Only the endpoint is read from the properties: a
 * delete must not fail on a declared set that a later version would judge differently.
 */
async function handleDelete(
  event: CloudFormationCustomResourceEvent & { RequestType: 'Delete' },
  context: CallContext,
  options: SubscriptionsHandlerOptions,
  logger: SubscriptionsLogger,
): Promise<SubscriptionsResourceResponse> {
  // A Delete must answer with the id it was given (the framework refuses anything else).
  const response = { PhysicalResourceId: event.PhysicalResourceId };
  const endpoint = parseEndpointOf(event.ResourceProperties);
  if (endpoint === undefined) {
    throw new InvalidResourcePropertiesError(
      "The custom resource's properties name no endpoint to unsubscribe",
    );
  }
  const secret = await readServiceSecret(options.secrets);
  if (secret.kind === 'placeholder') {
    // With the placeholder no registration can have happened through this resource.
    logger.warn('Nothing unsubscribed: the service-user secret still holds the placeholder', { endpoint });
    return response;
  }
  const dispatcher = await openDispatcher(options.biot, secret.secret.secretKey, context);
  await syncEndpoint(dispatcher, endpoint, NO_SUBSCRIPTIONS, context, {
    logger,
    biotBaseUrl: options.biot.baseUrl,
  });
  return response;
}

/** Unsubscribes what a failed Create subscribed, then reports the original failure, and the undo's. */
async function undoCreate(
  dispatcher: BiotDispatcher,
  endpoint: string,
  failure: RegistrationError,
  context: CallContext,
  options: { logger: SubscriptionsLogger; biotBaseUrl: string },
): Promise<RegistrationError> {
  const undo = failure.applied.flatMap((step): ReconciliationStep[] => {
    if (step.action === 'subscribe-notification') {
      return [{ action: 'unsubscribe-notification', registered: { ...step.subscription, endpoint } }];
    }
    if (step.action === 'subscribe-interception') {
      return [{ action: 'unsubscribe-interception', registered: { ...step.subscription, endpoint } }];
    }
    return [];
  });
  try {
    for (const step of undo) {
      if (step.action === 'unsubscribe-notification') {
        await dispatcher.unsubscribeNotification(step.registered, context);
      } else if (step.action === 'unsubscribe-interception') {
        await dispatcher.unsubscribeInterception(step.registered, context);
      }
      options.logger.info('BioT subscription undone', { step: describeStep(step), endpoint });
    }
    return new RegistrationError(
      `${failure.message} (undid the ${undo.length} subscription(s) this attempt had made)`,
      [],
      { cause: failure },
    );
  } catch (error) {
    return new RegistrationError(
      `${failure.message}. Undoing its ${undo.length} subscription(s) failed too ` +
        `(${explainFailure(error, options.biotBaseUrl)}); pnpm ops subscriptions --env <name> shows what BioT has`,
      [],
      { cause: failure },
    );
  }
}

/** Up to a quarter of the budget, at most 5 s: a handful of unsubscribe calls. */
function undoReserve(deadline: number): number {
  return Math.floor(Math.min(5_000, Math.max(0, (deadline - Date.now()) / 4)));
}

function summaryOf(declared: DeclaredSubscriptions, endpoint: string): string {
  return (
    `BioT has ${declared.notifications.length} notification and ${declared.interceptions.length} ` +
    `interception subscription(s) for ${endpoint}, as declared`
  );
}

function withAttributes(
  logger: SubscriptionsLogger,
  attributes: Record<string, unknown>,
): SubscriptionsLogger {
  return {
    info: (message, extra) => logger.info(message, { ...attributes, ...extra }),
    warn: (message, extra) => logger.warn(message, { ...attributes, ...extra }),
    error: (message, extra) => logger.error(message, { ...attributes, ...extra }),
  };
}
