/** How a figure is shown: each unit has one format, so the table and the JSON agree. */
export type Unit =
  | 'ms'
  | 's'
  | 'bytes'
  | 'count'
  | 'calls/invocation'
  | 'bytes/invocation'
  | 'MiB'
  | 'requests/s'
  | 'percent'
  | 'yes/no';

/** A limit a figure must meet; the bench prints PASS or FAIL against it. */
export interface Target {
  /** `within`: the value's magnitude is at most the limit (a change of ±limit). */
  op: '<' | '<=' | '>=' | '=' | 'within';
  limit: number;
}

/** One line of the table and of the JSON file. */
export interface Measurement {
  /** Stable key for the JSON file, e.g. `warm.notification.p50`. */
  id: string;
  /** What the table shows in its first column. */
  metric: string;
  /** Undefined when the figure could not be measured (a FAIL if it has a target). */
  value: number | undefined;
  unit: Unit;
  target?: Target;
  /** Why the figure is not available here (not a failure), e.g. `n/a (moto_server not found)`. */
  unavailable?: string;
  /** Extra numbers for the JSON file only (e.g. BioT calls per route). */
  details?: Record<string, number>;
}

/** PASS or FAIL against the target; `n/a` for a figure this machine cannot take; '' for information. */
export type Verdict = 'PASS' | 'FAIL' | 'n/a' | '';

export function meets(value: number, target: Target): boolean {
  switch (target.op) {
    case '<':
      return value < target.limit;
    case '<=':
      return value <= target.limit;
    case '>=':
      return value >= target.limit;
    case '=':
      return value === target.limit;
    case 'within':
      return Math.abs(value) <= target.limit;
  }
}

export function verdictOf(measurement: Measurement): Verdict {
  if (measurement.unavailable !== undefined) return 'n/a';
  if (measurement.target === undefined) return '';
  if (measurement.value === undefined || Number.isNaN(measurement.value)) return 'FAIL';
  return meets(measurement.value, measurement.target) ? 'PASS' : 'FAIL';
}

/** True when no line FAILs: the exit code of `pnpm bench` and `pnpm load`. */
export function allPass(measurements: readonly Measurement[]): boolean {
  return measurements.every((measurement) => verdictOf(measurement) !== 'FAIL');
}

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const UP_TO_3_DECIMALS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

export function formatValue(value: number | undefined, unit: Unit): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  switch (unit) {
    case 'ms':
      return `${value.toFixed(Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0)} ms`;
    case 's':
      return `${value.toFixed(1)} s`;
    case 'bytes':
      return `${(value / 1000).toFixed(1)} KB (${INTEGER.format(value)} B)`;
    case 'count':
      return INTEGER.format(value);
    case 'calls/invocation':
      return UP_TO_3_DECIMALS.format(value);
    case 'bytes/invocation':
      return `${value.toFixed(1)} B/invocation`;
    case 'MiB':
      return `${value.toFixed(1)} MiB`;
    case 'requests/s':
      return `${INTEGER.format(value)} req/s`;
    case 'percent':
      return `${value > 0 ? '+' : ''}${value.toFixed(1)} %`;
    case 'yes/no':
      return value === 1 ? 'yes' : 'no';
  }
}

const OPERATOR = { '<': '<', '<=': '≤', '>=': '≥', '=': '=', within: 'within ±' } as const;

export function formatTarget(target: Target | undefined, unit: Unit): string {
  if (target === undefined) return '';
  if (unit === 'yes/no') return target.limit === 1 ? 'yes' : 'no';
  const limit =
    unit === 'bytes'
      ? `${target.limit / 1000} KB`
      : unit === 'percent'
        ? `${target.limit} %`
        : formatValue(target.limit, unit);
  return target.op === 'within' ? `${OPERATOR.within}${limit}` : `${OPERATOR[target.op]} ${limit}`;
}
