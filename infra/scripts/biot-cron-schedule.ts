import type { PluginSchedule } from '@biot-plugin/runtime';

/**
 * What BioT's plugin config (`cronSchedule`, settings v2) needs to run a BioT-hosted plugin's
 * scheduled hook as the definition's `schedule` says. BioT takes a six-field EventBridge cron
 * (minutes hours day-of-month month day-of-week year), evaluated in UTC; EventBridge Scheduler,
 * which the CDK stack uses, also takes rate(...), at(...) and a time zone.
 */
export interface BiotCronSchedule {
  /** The `cronSchedule` value, when there is one. */
  readonly cronSchedule?: string;
  /** `exact`: the same runs; `approximate`: see `note`; `none`: BioT cannot run this schedule. */
  readonly fidelity: 'exact' | 'approximate' | 'none';
  /** What differs from the definition and what to do about it. */
  readonly note?: string;
}

const CRON = /^cron\((.+)\)$/;
const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;

/** The `cronSchedule` equivalent of a plugin's schedule, with what it cannot say. */
export function biotCronSchedule(schedule: PluginSchedule): BiotCronSchedule {
  const expression = schedule.expression.trim();
  const timezone = schedule.timezone;
  const zoned = timezone !== undefined && !['UTC', 'Etc/UTC'].includes(timezone);
  const inUtc = (cron: string, kind: string): BiotCronSchedule =>
    zoned
      ? {
          cronSchedule: cron,
          fidelity: 'approximate',
          note:
            `BioT runs cronSchedule in UTC, the definition's ${kind} in ${timezone}: shift the hours by ` +
            `${timezone}'s offset (which changes with daylight saving, where it has one)`,
        }
      : { cronSchedule: cron, fidelity: 'exact' };

  const cron = CRON.exec(expression);
  if (cron) return inUtc((cron[1] as string).trim().split(/\s+/).join(' '), 'cron');

  const at = AT.exec(expression);
  if (at) {
    const [, year, month, day, hour, minute] = at.map(Number) as number[];
    return inUtc(`${minute} ${hour} ${day} ${month} ? ${year}`, 'one-time run');
  }

  const rate = RATE.exec(expression);
  if (rate) return fromRate(Number(rate[1]), (rate[2] as string).replace(/s$/, '') as RateUnit);

  return { fidelity: 'none', note: `"${expression}" is not a cron, rate or at expression` };
}

type RateUnit = 'minute' | 'hour' | 'day';

/**
 * A rate as a cron, exact where the interval divides the next larger unit (every 15 minutes,
 * every 6 hours); the count then restarts at the top of each hour or day, as rate does not.
 */
function fromRate(count: number, unit: RateUnit): BiotCronSchedule {
  if (unit === 'minute' && count % 60 === 0) return fromRate(count / 60, 'hour');
  if (unit === 'hour' && count % 24 === 0) return fromRate(count / 24, 'day');
  const step = (start: string) => (count === 1 ? '*' : `${start}/${count}`);
  switch (unit) {
    case 'minute':
      return dividing(`${step('0')} * * * ? *`, 60 % count === 0, `every ${count} minutes`, 'hour');
    case 'hour':
      return dividing(`0 ${step('0')} * * ? *`, 24 % count === 0, `every ${count} hours`, 'day');
    case 'day':
      return count === 1
        ? {
            cronSchedule: '0 0 * * ? *',
            fidelity: 'approximate',
            note: 'daily at 00:00 UTC, where rate(1 day) runs at the time of day it was created',
          }
        : {
            cronSchedule: `0 0 ${step('1')} * ? *`,
            fidelity: 'approximate',
            note: `every ${count} days from the 1st of each month at 00:00 UTC: the count restarts every month`,
          };
  }
}

function dividing(cron: string, divides: boolean, every: string, larger: string): BiotCronSchedule {
  return divides
    ? { cronSchedule: cron, fidelity: 'exact' }
    : {
        cronSchedule: cron,
        fidelity: 'approximate',
        note: `${every} does not divide an ${larger}: the count restarts at the top of each ${larger}`,
      };
}

/** The lines `pnpm zip` prints for a plugin's schedule. */
export function describeBiotCronSchedule(schedule: PluginSchedule | undefined): string[] {
  if (schedule === undefined) return ['no schedule: leave cronSchedule out of the plugin config'];
  const result = biotCronSchedule(schedule);
  const source = `schedule ${schedule.expression}${schedule.timezone ? ` (${schedule.timezone})` : ''}`;
  if (result.cronSchedule === undefined) {
    return [`${source} has no cronSchedule equivalent: ${result.note ?? ''}`.trim()];
  }
  return [
    `${source} → cronSchedule "${result.cronSchedule}" in BioT's plugin config` +
      (result.fidelity === 'exact' ? '' : ` (approximate: ${result.note})`),
  ];
}
