import { Logger } from '@aws-lambda-powertools/logger';
import { InvocationMetrics } from './src/metrics/invocation-metrics.ts';

process.stdout.write = (() => true) as never;
const m = new InvocationMetrics({ appName: 'example', environment: 'dev', logger: new Logger(), env: {} });
const cpu = (f: () => void, n: number) => {
  const c = process.cpuUsage();
  for (let i = 0; i < n; i++) f();
  const u = process.cpuUsage(c);
  return ((u.user + u.system) / n).toFixed(1);
};
const flush = (calls: number) => () => {
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
};
const hand = () => {
  const doc = {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: 'BiotPlugin',
          Dimensions: [['Plugin', 'Environment', 'HookType']],
          Metrics: [
            { Name: 'Invocations', Unit: 'Count' },
            { Name: 'Errors', Unit: 'Count' },
            { Name: 'Duration', Unit: 'Milliseconds' },
          ],
        },
        {
          Namespace: 'BiotPlugin',
          Dimensions: [['Plugin', 'Environment', 'HookType', 'Outcome']],
          Metrics: [{ Name: 'Answers', Unit: 'Count' }],
        },
      ],
    },
    Plugin: 'example',
    Environment: 'dev',
    HookType: 'NOTIFICATION',
    Outcome: 'answered',
    Invocations: 1,
    Errors: 0,
    Duration: 4.2,
    Answers: 1,
    traceId: 'x',
  };
  process.stdout.write(`${JSON.stringify(doc)}\n`);
};
for (let r = 0; r < 3; r++) {
  cpu(flush(1), 3000);
  cpu(flush(0), 3000);
}
process.stderr.write(
  `cpu µs/invocation: none ${cpu(flush(0), 10000)}; one call ${cpu(flush(1), 10000)}; hand-written 1 doc ${cpu(hand, 10000)}\n`,
);
