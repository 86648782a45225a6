import autocannon from 'autocannon';
import type { LoadRequest } from './mixed-requests.js';

export interface LoadRunOptions {
  url: string;
  requests: LoadRequest[];
  connections: number;
  amount: number;
  /** The run is stopped after this long even if `amount` is not reached. */
  maxSeconds: number;
}

export interface LoadRunResult {
  completed: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  stoppedByTimeLimit: boolean;
}

/** Runs autocannon against the dev server on loopback, bounded in count and in time. */
export function runAutocannon(options: LoadRunOptions): Promise<LoadRunResult> {
  if (!new URL(options.url).hostname.startsWith('127.')) {
    throw new Error(`load is for loopback only, not ${options.url}`);
  }
  return new Promise((resolve, reject) => {
    let stoppedByTimeLimit = false;
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        amount: options.amount,
        requests: options.requests,
        timeout: 10,
      },
      (error, result) => {
        clearTimeout(timer);
        if (error) {
          reject(error);
          return;
        }
        const statusCodes: Record<string, number> = {};
        for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) {
          statusCodes[status] = Number((stats as { count: number | string }).count);
        }
        const completed = Object.values(statusCodes).reduce((sum, count) => sum + count, 0);
        resolve({
          completed,
          durationSeconds: result.duration,
          requestsPerSecond: completed / result.duration,
          latency: {
            p50: result.latency.p50,
            p90: result.latency.p90,
            p99: result.latency.p99,
            max: result.latency.max,
          },
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
          stoppedByTimeLimit,
        });
      },
    );
    const timer = setTimeout(() => {
      stoppedByTimeLimit = true;
      instance.stop();
    }, options.maxSeconds * 1000);
  });
}
