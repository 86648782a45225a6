import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { type BiotCallObservation, PLUGIN_METRICS, TOKEN_REFUSAL_CODES } from '@biot-plugin/core';
import { routeDimension } from './route-dimension.js';

const { dimensions: D, metrics: M } = PLUGIN_METRICS;

/** What the pipeline tells the metrics about one invocation, once its answer is final. */
export interface AnsweredInvocation {
  /** BioT's hooktype, `SCHEDULED`, or `UNKNOWN` (see hookTypeDimension). */
  hookType: string;
  /** `answered`, `blocked` or the answer's error code (respond's answerOutcome). */
  outcome: string;
  statusCode: number;
  durationMs: number;
  /** Written beside the metrics (not a dimension), to find the invocation's log lines. */
  traceId: string;
}

export interface InvocationMetricsOptions {
  appName: string;
  environment: string;
  /** Where Powertools reports a metric it cannot write (the runtime's logger). */
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}

/** BioT calls remembered until the next flush; a hook looping over BioT cannot grow it further. */
const MAX_PENDING_CALLS = 1_000;
const REFUSALS: ReadonlySet<string> = new Set(TOKEN_REFUSAL_CODES);

/**
 * The plugin's metrics (PLUGIN_METRICS) as CloudWatch embedded-metric-format lines on stdout,
 * through Powertools Metrics: Lambda's log stream turns them into metrics, with no call to AWS
 * while the invocation runs. Made once per container.
 *
 * Each metric carries exactly the dimension set PLUGIN_METRICS names (the dashboard and alarms
 * query those sets), so the metrics of one invocation are written as one EMF document per set:
 * one flush per invocation, several lines. Powertools' own `service` dimension is left out for
 * the same reason.
 */
export class InvocationMetrics {
  readonly #metrics: Metrics;
  readonly #logger: InvocationMetricsOptions['logger'];
  readonly #disabled: boolean;
  #coldStart: boolean;
  #calls: BiotCallObservation[] = [];
  #failedOnce = false;

  constructor(options: InvocationMetricsOptions) {
    const env = options.env ?? process.env;
    this.#logger = options.logger;
    // Powertools reads its switch from process.env only; the handler's own env may set it too.
    this.#disabled = isTrue(env.POWERTOOLS_METRICS_DISABLED);
    this.#metrics = new Metrics({
      namespace: PLUGIN_METRICS.namespace,
      serviceName: options.appName,
      logger: options.logger,
    });
    this.#metrics.clearDefaultDimensions();
    this.#metrics.setDefaultDimensions({
      [D.plugin]: options.appName,
      [D.environment]: options.environment,
    });
    // Lambda says how the container started; a provisioned one was warm before any caller
    // waited. Powertools' own check counts no cold start off Lambda; the dev server reloads are.
    const initialization = env.AWS_LAMBDA_INITIALIZATION_TYPE;
    this.#coldStart = initialization === undefined || initialization === 'on-demand';
  }

  /** BiotHttp's `onCall`: a call is counted with the invocation that flushes next. */
  readonly observeBiotCall = (observation: BiotCallObservation): void => {
    if (!this.#disabled && this.#calls.length < MAX_PENDING_CALLS) this.#calls.push(observation);
  };

  /**
   * Writes the invocation's metrics, before its answer is returned. Never throws: a metric
   * that cannot be written is logged (once per container) and the answer goes out regardless.
   */
  flush(invocation: AnsweredInvocation): void {
    if (this.#disabled) return;
    const calls = this.#calls;
    this.#calls = [];
    try {
      const documents: string[] = [];
      this.#write(invocation, calls, documents);
      // One write, a line per document: Lambda's log stream makes each line a log event. One
      // write per invocation rather than Powertools' one per document (publishStoredMetrics).
      process.stdout.write(`${documents.join('\n')}\n`);
    } catch (error) {
      this.#clear();
      if (!this.#failedOnce) {
        this.#failedOnce = true;
        this.#logger.error('The plugin metrics could not be written', { error: String(error) });
      }
    }
  }

  #write(invocation: AnsweredInvocation, calls: readonly BiotCallObservation[], documents: string[]): void {
    const { hookType, outcome } = invocation;
    const refused = REFUSALS.has(outcome);

    this.#document(documents, invocation, { [D.hookType]: hookType }, (add) => {
      add(M.invocations, MetricUnit.Count, 1);
      add(M.errors, MetricUnit.Count, invocation.statusCode >= 500 ? 1 : 0);
      add(M.duration, MetricUnit.Milliseconds, round(invocation.durationMs));
    });
    this.#document(documents, invocation, { [D.hookType]: hookType, [D.outcome]: outcome }, (add) => {
      add(M.answers, MetricUnit.Count, 1);
    });
    if (refused) {
      this.#document(documents, invocation, { [D.code]: outcome }, (add) => {
        add(M.tokenRefusals, MetricUnit.Count, 1);
      });
    }

    const byRoute = new Map<string, { latencies: number[]; byClass: Map<string, number> }>();
    let failedCalls = 0;
    for (const call of calls) {
      const route = routeDimension(call.method, call.route);
      const entry = byRoute.get(route) ?? { latencies: [], byClass: new Map<string, number>() };
      byRoute.set(route, entry);
      const statusClass = statusClassOf(call.status);
      entry.byClass.set(statusClass, (entry.byClass.get(statusClass) ?? 0) + 1);
      entry.latencies.push(round(call.durationMs));
      if (statusClass === '5xx' || statusClass === 'network' || statusClass === 'timeout') failedCalls += 1;
    }
    for (const [route, { latencies, byClass }] of byRoute) {
      for (const [statusClass, count] of byClass) {
        this.#document(documents, invocation, { [D.route]: route, [D.statusClass]: statusClass }, (add) => {
          add(M.biotCalls, MetricUnit.Count, count);
        });
      }
      this.#document(documents, invocation, { [D.route]: route }, (add) => {
        for (const latency of latencies) add(M.biotCallLatency, MetricUnit.Milliseconds, latency);
      });
    }

    const coldStart = this.#coldStart;
    this.#coldStart = false;
    if (coldStart || refused || calls.length > 0) {
      this.#document(documents, invocation, {}, (add) => {
        if (coldStart) add(M.coldStarts, MetricUnit.Count, 1);
        if (calls.length > 0) {
          add(M.biotCallsTotal, MetricUnit.Count, calls.length);
          add(M.biotCallErrors, MetricUnit.Count, failedCalls);
        }
        if (refused) add(M.tokenRefusalsTotal, MetricUnit.Count, 1);
      });
    }
  }

  /** One EMF document: the default dimensions (Plugin, Environment) plus `dimensions`. */
  #document(
    documents: string[],
    invocation: AnsweredInvocation,
    dimensions: Record<string, string>,
    addMetrics: (add: (name: string, unit: Unit, value: number) => void) => void,
  ): void {
    for (const [name, value] of Object.entries(dimensions)) this.#metrics.addDimension(name, value);
    this.#metrics.addMetadata('traceId', invocation.traceId);
    addMetrics((name, unit, value) => this.#metrics.addMetric(name, unit, value));
    documents.push(JSON.stringify(this.#metrics.serializeMetrics()));
    this.#clear();
  }

  /** What Powertools' publish clears after writing a document. */
  #clear(): void {
    this.#metrics.clearMetrics();
    this.#metrics.clearDimensions();
    this.#metrics.clearMetadata();
  }
}

type Unit = Parameters<Metrics['addMetric']>[1];

/** PLUGIN_METRICS' StatusClass: `2xx` … `5xx`, or how the call failed without a status. */
export function statusClassOf(status: BiotCallObservation['status']): string {
  if (typeof status !== 'number') return status;
  const hundreds = Math.floor(status / 100);
  return hundreds >= 1 && hundreds <= 5 ? `${hundreds}xx` : 'network';
}

/** Powertools' reading of a boolean variable (`true`, `1`, `yes`, `on`). */
function isTrue(value: string | undefined): boolean {
  return ['true', '1', 'yes', 'on'].includes(value?.trim().toLowerCase() ?? '');
}

/** Hundredths of a millisecond: the precision CloudWatch can show, in a shorter line. */
function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
