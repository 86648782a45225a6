import type { DriftState, SubscriptionComparison } from './reconcile.js';
import { describeInterception, describeNotification } from './subscription-identity.js';

const MARKERS: Readonly<Record<DriftState, string>> = {
  'in-sync': '=',
  missing: '+',
  'not-declared': '-',
  'order-differs': '~',
};

const NOTES: Readonly<Record<DriftState, string>> = {
  'in-sync': '',
  missing: 'missing in BioT: --apply subscribes it',
  'not-declared': 'not declared: --apply unsubscribes it',
  'order-differs': 'order differs: --apply re-subscribes it',
};

export const DRIFT_LEGEND = '= in sync   + missing in BioT   - not declared   ~ order differs';

/** The declared set beside what BioT has, one row per subscription, drift marked in the first column. */
export function formatDriftTable(comparison: SubscriptionComparison): string {
  const rows: string[][] = [
    ['', 'NOTIFICATIONS', 'DECLARED', 'BIOT', ''],
    ...comparison.notifications.map((row) => {
      const subscription = row.declared ?? row.registered;
      return [
        MARKERS[row.state],
        subscription ? describeNotification(subscription) : '',
        row.declared ? 'yes' : '-',
        row.registered ? 'yes' : '-',
        NOTES[row.state],
      ];
    }),
    ...(comparison.notifications.length === 0 ? [['', '(none)', '', '', '']] : []),
    ['', '', '', '', ''],
    ['', 'INTERCEPTIONS', 'DECLARED', 'BIOT', ''],
    ...comparison.interceptions.map((row) => {
      const subscription = row.declared ?? row.registered;
      return [
        MARKERS[row.state],
        subscription ? describeInterception(subscription) : '',
        row.declared ? orderText(row.declared.executionOrder, 'any order') : '-',
        row.registered ? orderText(row.registered.executionOrder, 'yes') : '-',
        NOTES[row.state],
      ];
    }),
    ...(comparison.interceptions.length === 0 ? [['', '(none)', '', '', '']] : []),
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column < 4 ? cell.padEnd(widths[column] ?? 0) : cell))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function orderText(order: number | undefined, otherwise: string): string {
  return order === undefined ? otherwise : `order ${order}`;
}
