import { describe, expect, it } from 'vitest';
import { createTracing, noTracing } from '../../src/tracing/tracing.js';

describe('createTracing', () => {
  it('is a silent no-op outside Lambda', async () => {
    const tracing = createTracing({ serviceName: 'test', env: {} });
    expect(tracing).toBe(noTracing);
    await expect(tracing.subsegment('BioT GET /x', async () => 'done')).resolves.toBe('done');
  });

  it('is a no-op in Lambda when tracing is turned off', () => {
    const tracing = createTracing({
      serviceName: 'test',
      env: { AWS_LAMBDA_FUNCTION_NAME: 'fn', POWERTOOLS_TRACE_ENABLED: 'false' },
    });
    expect(tracing).toBe(noTracing);
  });

  it('still runs the work when no X-Ray segment exists', async () => {
    const tracing = createTracing({ serviceName: 'test', env: { AWS_LAMBDA_FUNCTION_NAME: 'fn' } });
    await expect(tracing.subsegment('BioT GET /x', async () => 7)).resolves.toBe(7);
  });

  it('passes a failure of the work through unchanged', async () => {
    const failure = new Error('upstream');
    await expect(noTracing.subsegment('x', () => Promise.reject(failure))).rejects.toBe(failure);
  });
});
