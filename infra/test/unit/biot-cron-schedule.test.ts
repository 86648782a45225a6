import { describe, expect, it } from 'vitest';
import { biotCronSchedule, describeBiotCronSchedule } from '../../scripts/biot-cron-schedule.js';

// BioT's cronSchedule: six EventBridge cron fields, in UTC (BioT's settings API, plugin config).
describe("the cronSchedule of BioT's plugin config for a plugin's schedule", () => {
  it.each([
    ['cron(0 6 * * ? *)', '0 6 * * ? *'],
    ['cron( 15  2 ? * MON-FRI * )', '15 2 ? * MON-FRI *'],
    ['rate(1 minute)', '* * * * ? *'],
    ['rate(15 minutes)', '0/15 * * * ? *'],
    ['rate(120 minutes)', '0 0/2 * * ? *'],
    ['rate(1 hour)', '0 * * * ? *'],
    ['rate(6 hours)', '0 0/6 * * ? *'],
    ['rate(48 hours)', '0 0 1/2 * ? *'],
    ['at(2027-01-31T05:07:00)', '7 5 31 1 ? 2027'],
  ])('is %s → "%s"', (expression, cronSchedule) => {
    expect(biotCronSchedule({ expression }).cronSchedule).toBe(cronSchedule);
  });

  it('is exact for a cron in UTC and for a rate that divides the next unit', () => {
    expect(biotCronSchedule({ expression: 'cron(0 6 * * ? *)', timezone: 'UTC' }).fidelity).toBe('exact');
    expect(biotCronSchedule({ expression: 'rate(20 minutes)' }).fidelity).toBe('exact');
  });

  it('says what to shift when the definition runs in another time zone, since BioT runs it in UTC', () => {
    const result = biotCronSchedule({ expression: 'cron(0 6 * * ? *)', timezone: 'Europe/Berlin' });

    expect(result).toMatchObject({ cronSchedule: '0 6 * * ? *', fidelity: 'approximate' });
    expect(result.note).toMatch(/UTC.*Europe\/Berlin.*daylight saving/);
  });

  it('says when a rate restarts its count every hour, day or month', () => {
    expect(biotCronSchedule({ expression: 'rate(7 minutes)' })).toMatchObject({
      cronSchedule: '0/7 * * * ? *',
      fidelity: 'approximate',
    });
    expect(biotCronSchedule({ expression: 'rate(5 hours)' }).note).toMatch(/restarts at the top of each day/);
    expect(biotCronSchedule({ expression: 'rate(3 days)' }).note).toMatch(/restarts every month/);
  });

  it('has none for what is not a schedule expression', () => {
    expect(biotCronSchedule({ expression: 'every day' })).toEqual({
      fidelity: 'none',
      note: '"every day" is not a cron, rate or at expression',
    });
  });

  it('is printed by pnpm zip as one line, with the caveat when there is one', () => {
    expect(describeBiotCronSchedule({ expression: 'cron(0 6 * * ? *)' })).toEqual([
      'schedule cron(0 6 * * ? *) → cronSchedule "0 6 * * ? *" in BioT\'s plugin config',
    ]);
    expect(describeBiotCronSchedule({ expression: 'rate(3 days)' })[0]).toMatch(
      /→ cronSchedule "0 0 1\/3 \* \? \*" in BioT's plugin config \(approximate: every 3 days/,
    );
    expect(describeBiotCronSchedule(undefined)).toEqual([
      'no schedule: leave cronSchedule out of the plugin config',
    ]);
  });
});
