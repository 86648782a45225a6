import { describe, expect, it } from 'vitest';
import { synthStack } from '../support/synth.js';
import { logicalIdOf, type Resource, resource } from '../support/template-queries.js';

// nightly-report is the fixture plugin with a schedule: cron(0 6 * * ? *) in Europe/Berlin.
const qa = synthStack('nightly-report', 'qa');
const live = synthStack('nightly-report', 'live');
type Synth = typeof qa;

function hookSchedule(synth: Synth) {
  const schedule = synth.stack.plugin.schedule;
  if (schedule === undefined) throw new Error('nightly-report has no schedule');
  return schedule;
}
const scheduleResource = (synth: Synth) => resource(synth, logicalIdOf(synth, hookSchedule(synth).schedule));
const groupName = (synth: Synth) =>
  resource(synth, logicalIdOf(synth, hookSchedule(synth).group)).Properties.Name;
/** The `live` alias: a scheduled run uses the version BioT's calls do, and moves with a canary. */
const aliasArn = (synth: Synth) => ({ Ref: logicalIdOf(synth, synth.stack.plugin.alias) });

describe("the schedule of a plugin's scheduled hook", () => {
  it("runs on the definition's expression, in its time zone", () => {
    expect(scheduleResource(qa).Properties).toMatchObject({
      ScheduleExpression: 'cron(0 6 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
  });

  it("invokes the function's live alias itself, never its Function URL, telling the hook when the run was due", () => {
    const { Target } = scheduleResource(qa).Properties as { Target: Record<string, unknown> };

    expect(Target.Arn).toEqual(aliasArn(qa));
    expect(JSON.parse(Target.Input as string)).toEqual({
      scheduleArn: '<aws.scheduler.schedule-arn>',
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
  });

  it('lives in a group of its own, so its metrics are this plugin’s', () => {
    expect(scheduleResource(qa).Properties.GroupName).toEqual(groupName(qa));
    expect(groupName(qa)).not.toBe(groupName(synthStack('nightly-report', 'live')));
  });

  it("runs as a role only Scheduler may assume, for this account's schedule group", () => {
    const role = resource(qa, logicalIdOf(qa, hookSchedule(qa).role));

    expect((role.Properties.AssumeRolePolicyDocument as { Statement: unknown[] }).Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: {
          StringEquals: {
            'aws:SourceAccount': { Ref: 'AWS::AccountId' },
            'aws:SourceArn': { 'Fn::GetAtt': [logicalIdOf(qa, hookSchedule(qa).group), 'Arn'] },
          },
        },
      },
    ]);
  });

  it("may invoke the plugin function's live alias and nothing else", () => {
    const role = resource(qa, logicalIdOf(qa, hookSchedule(qa).role));
    const policies = role.Properties.Policies as { PolicyDocument: { Statement: unknown[] } }[];
    const attached = Object.values(
      qa.template.findResources('AWS::IAM::Policy') as Record<string, Resource>,
    ).filter((policy) =>
      JSON.stringify(policy.Properties.Roles).includes(logicalIdOf(qa, hookSchedule(qa).role)),
    );

    expect(policies.flatMap((policy) => policy.PolicyDocument.Statement)).toEqual([
      { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: aliasArn(qa) },
    ]);
    expect(attached).toEqual([]);
  });

  it('raises an alarm when Scheduler fails to invoke the function, sent with the other alarms', () => {
    const scheduleFailed = live.stack.plugin.alarms.scheduleFailed;
    if (scheduleFailed === undefined) throw new Error('nightly-report has no schedule alarm');
    const alarm = resource(live, logicalIdOf(live, scheduleFailed));
    const topicId = Object.keys(live.template.findResources('AWS::SNS::Topic'))[0];

    expect(alarm.Properties).toMatchObject({
      Namespace: 'AWS/Scheduler',
      MetricName: 'TargetErrorCount',
      Dimensions: [{ Name: 'ScheduleGroup', Value: groupName(live) }],
      Statistic: 'Sum',
      Threshold: 1,
      AlarmActions: [{ Ref: topicId }],
      OKActions: [{ Ref: topicId }],
    });
  });

  it('does not exist for a plugin without a schedule, nor does its alarm', () => {
    const withoutSchedule = synthStack('audit-trail', 'qa');

    withoutSchedule.template.resourceCountIs('AWS::Scheduler::Schedule', 0);
    withoutSchedule.template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 0);
    expect(withoutSchedule.stack.plugin.alarms.scheduleFailed).toBeUndefined();
    expect(JSON.stringify(withoutSchedule.template.findResources('AWS::CloudWatch::Alarm'))).not.toContain(
      'AWS/Scheduler',
    );
  });
});
