import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { isLogRetentionDays } from '../settings/plugin-settings.js';

/**
 * The CDK's name for a retention the settings give in days. RetentionDays' values are those days,
 * so this is a look-up; a number CloudWatch does not accept fails instead of being rounded.
 */
export function retentionOf(days: number): RetentionDays {
  const retention = Object.values(RetentionDays).find((value) => value === days);
  if (!isLogRetentionDays(days) || typeof retention !== 'number') {
    throw new Error(`CloudWatch Logs cannot keep logs for ${days} days (see CLOUDWATCH_RETENTION_DAYS).`);
  }
  return retention;
}
