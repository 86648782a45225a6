import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { PluginStack } from '../../lib/stack/plugin-stack.js';

export type Resource = { Type: string; Properties: Record<string, unknown> } & Record<string, unknown>;
export type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };
export type Synth = { stack: PluginStack; template: Template };

/** The logical id of a construct's CloudFormation resource. */
export function logicalIdOf(synth: Synth, scope: { node: { defaultChild?: unknown } }): string {
  return synth.stack.getLogicalId(scope.node.defaultChild as CfnElement);
}

export function resource(synth: Synth, logicalId: string): Resource {
  return (synth.template.toJSON().Resources as Record<string, Resource>)[logicalId] as Resource;
}

/** What a role may do, from every policy attached to it. */
export function statementsOf(synth: Synth, roleLogicalId: string): Statement[] {
  return Object.values(synth.template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleLogicalId }]))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

export const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

/** The role a Lambda function resource runs as. */
export function roleIdOf(fn: Resource): string {
  return (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
}
