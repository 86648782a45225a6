import { ENV } from '@biot-plugin/core';
import { describe, expect, it } from 'vitest';
import { LIVE } from '../support/fixtures.js';
import { synthQaWith, synthStack } from '../support/synth.js';
import {
  actionsOf,
  logicalIdOf,
  resource,
  roleIdOf,
  type Statement,
  statementsOf,
} from '../support/template-queries.js';

// audit-trail in the live fixture environment has an operations user; in qa it has none.
const live = synthStack('audit-trail', 'live');
const operationsUserId = LIVE.plugins['audit-trail'].operationsUserId;
const pluginUserId = LIVE.plugins['audit-trail'].serviceUserId;
type Synth = typeof live;

const variablesOf = (synth: Synth, fn: { node: { defaultChild?: unknown } }) =>
  (resource(synth, logicalIdOf(synth, fn)).Properties.Environment as { Variables: Record<string, unknown> })
    .Variables;
const roleOf = (synth: Synth, fn: { node: { defaultChild?: unknown } }) =>
  roleIdOf(resource(synth, logicalIdOf(synth, fn)));
const secretsReadBy = (statements: Statement[]) =>
  statements.filter((s) => actionsOf(s).includes('secretsmanager:GetSecretValue')).map((s) => s.Resource);
const operationsSecret = (synth: Synth) => {
  const secret = synth.stack.operationsUser?.secret;
  if (secret === undefined) throw new Error('no operations user');
  return { Ref: logicalIdOf(synth, secret) };
};
const pluginSecret = (synth: Synth) => ({ Ref: logicalIdOf(synth, synth.stack.plugin.secret) });

describe('a plugin with an operations user', () => {
  it('gets a secret of its own for the operations user, created with the placeholder', () => {
    live.template.resourceCountIs('AWS::SecretsManager::Secret', 2);
    expect(operationsSecret(live)).not.toEqual(pluginSecret(live));
  });

  it('keeps the plugin function away from the operations secret: it reads its own secret only', () => {
    const statements = statementsOf(live, roleOf(live, live.stack.plugin.function));

    expect(secretsReadBy(statements)).toEqual([pluginSecret(live)]);
    expect(JSON.stringify(statements)).not.toContain(operationsSecret(live).Ref);
  });

  it('registers with BioT as the operations user, with its secret', () => {
    expect(variablesOf(live, live.stack.subscriptions.handler)).toMatchObject({
      [ENV.serviceUserId]: operationsUserId,
      [ENV.serviceUserSecretArn]: operationsSecret(live),
    });
    expect(secretsReadBy(statementsOf(live, roleOf(live, live.stack.subscriptions.handler)))).toEqual([
      operationsSecret(live),
    ]);
  });

  it("rotates the plugin user's key logged in as the operations user", () => {
    const fn = live.stack.rotation.function;

    expect(variablesOf(live, fn)).toMatchObject({
      [ENV.serviceUserId]: pluginUserId,
      [ENV.operationsUserId]: operationsUserId,
      [ENV.operationsSecretArn]: operationsSecret(live),
    });
    // It reads both: the plugin secret it rotates (RotationSchedule's grant) and the operator's key.
    expect(secretsReadBy(statementsOf(live, roleOf(live, fn)))).toEqual(
      expect.arrayContaining([operationsSecret(live)]),
    );
  });

  it("rotates the operations user's own key with a rotation of its own, logged in as itself", () => {
    const rotation = live.stack.operationsRotation;
    if (rotation === undefined) throw new Error('no rotation of the operations secret');
    const variables = variablesOf(live, rotation.function);

    expect(variables).toMatchObject({ [ENV.serviceUserId]: operationsUserId });
    expect(variables).not.toHaveProperty(ENV.operationsUserId);
    live.template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      SecretId: operationsSecret(live),
      RotationLambdaARN: { 'Fn::GetAtt': [logicalIdOf(live, rotation.function), 'Arn'] },
      RotationRules: { ScheduleExpression: `rate(${LIVE.rotationIntervalDays} days)` },
    });
    const statements = statementsOf(live, roleOf(live, rotation.function));
    expect(JSON.stringify(statements)).not.toContain(pluginSecret(live).Ref);
  });

  it('outputs the operations secret and its rotation Lambda for ops', () => {
    live.template.hasOutput('OperationsSecretArn', { Value: operationsSecret(live) });
    live.template.hasOutput('OperationsRotationFunctionName', {});
  });

  it('references an existing operations secret by its ARN instead of creating one', () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:444444444444:secret:biot/ops-AbC123';
    const synth = synthQaWith('audit-trail', {
      plugin: { operationsUserId: '00000000-0000-4000-8000-0000000000e1', existingOperationsSecretArn: arn },
    });

    synth.template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    expect(variablesOf(synth, synth.stack.subscriptions.handler)[ENV.serviceUserSecretArn]).toBe(arn);
  });
});

describe('a plugin without an operations user', () => {
  const qa = synthStack('audit-trail', 'qa');

  it('registers and rotates as the plugin user, as before, and has one secret and one rotation', () => {
    qa.template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    qa.template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
    expect(variablesOf(qa, qa.stack.rotation.function)).not.toHaveProperty(ENV.operationsUserId);
    expect(qa.stack.operationsRotation).toBeUndefined();
    expect(() => qa.template.hasOutput('OperationsSecretArn', {})).toThrow();
  });
});
