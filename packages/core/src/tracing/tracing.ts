/** X-Ray subsegments around BioT calls; a no-op wherever X-Ray is not there. */
export interface Tracing {
  subsegment<T>(name: string, work: () => Promise<T>): Promise<T>;
}

export const noTracing: Tracing = { subsegment: (_name, work) => work() };

type TracerModule = typeof import('@aws-lambda-powertools/tracer');
type Tracer = InstanceType<TracerModule['Tracer']>;

/**
 * Inside Lambda (with tracing not turned off) this uses the Powertools tracer. It is imported
 * in the background at cold start rather than at module load, because the X-Ray SDK costs tens
 * of milliseconds to import; calls made before it is ready are simply not traced.
 */
export function createTracing(options: { serviceName: string; env: NodeJS.ProcessEnv }): Tracing {
  const { env } = options;
  if (!env.AWS_LAMBDA_FUNCTION_NAME || env.POWERTOOLS_TRACE_ENABLED === 'false') return noTracing;
  let tracer: Tracer | undefined;
  import('@aws-lambda-powertools/tracer')
    .then(({ Tracer }) => {
      tracer = new Tracer({ serviceName: options.serviceName, captureHTTPsRequests: false });
    })
    .catch(() => {
      tracer = undefined;
    });
  return {
    async subsegment(name, work) {
      const parent = tracer?.getSegment();
      if (!tracer || !parent) return work();
      const subsegment = parent.addNewSubsegment(name);
      tracer.setSegment(subsegment);
      try {
        return await work();
      } catch (error) {
        subsegment.addError(error as Error);
        throw error;
      } finally {
        subsegment.close();
        tracer.setSegment(parent);
      }
    },
  };
}
