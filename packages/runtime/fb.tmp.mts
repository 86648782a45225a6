import { Logger } from '@aws-lambda-powertools/logger';
import { InvocationMetrics } from './src/metrics/invocation-metrics.ts';

const noop = process.argv[2] === 'noop';
if (noop) process.stdout.write = (() => true) as never;
const m = new InvocationMetrics({ appName: 'example', environment: 'dev', logger: new Logger(), env: {} });
const run = (n: number, calls: number) => {
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < calls; c++)
      m.observeBiotCall({
        method: 'GET',
        route: '/organization/v1/users/patients/{id}',
        status: 200,
        durationMs: 3.2,
        attempts: 1,
      });
    m.flush({
      hookType: 'NOTIFICATION',
      outcome: 'answered',
      statusCode: 200,
      durationMs: 4.2,
      traceId: '691d9a7ec2ebb8ad236b56d739c4c17f',
    });
  }
  return (((performance.now() - t) / n) * 1000).toFixed(1);
};
run(3000, 1);
run(3000, 0);
const s = `${noop ? 'noop  ' : 'devnull'} none: ${run(5000, 0)} µs; one call: ${run(5000, 1)} µs; three routes-equal calls: ${run(5000, 3)} µs\n`;
process.stderr.write(s);
