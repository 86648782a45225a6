import { describe, expect, it } from 'vitest';
import { createLogger, invocationLogger } from '../../src/log/logger.js';
import { captureLogs } from '../support/captured-logs.js';

const logs = captureLogs();
const root = () => createLogger({ appName: 'plugin', environment: 'test', logLevel: 'DEBUG' });

describe('invocationLogger', () => {
  it('puts the invocation’s traceId on every line beside the container’s keys and the caller’s', () => {
    const log = invocationLogger(root(), 'trace-a');
    log.info('Patient changed', { patientId: 'p-1' });
    expect(logs.entries()).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'Patient changed',
        appName: 'plugin',
        environment: 'test',
        traceId: 'trace-a',
        patientId: 'p-1',
      }),
    ]);
  });

  it('keeps each invocation’s traceId apart when invocations share the container’s logger', () => {
    const container = root();
    const first = invocationLogger(container, 'trace-a');
    const second = invocationLogger(container, 'trace-b');
    first.warn('one');
    second.warn('two');
    first.debug('three');
    expect(logs.entries().map((entry) => [entry.message, entry.traceId])).toEqual([
      ['one', 'trace-a'],
      ['two', 'trace-b'],
      ['three', 'trace-a'],
    ]);
  });

  it('logs an Error with its stack, and a string as `extra`, as Powertools does', () => {
    const log = invocationLogger(root(), 'trace-a');
    log.error('Hook failed', new Error('boom'));
    log.critical('Odd', 'details');
    const [failed, odd] = logs.entries();
    expect(failed).toMatchObject({
      traceId: 'trace-a',
      error: { message: 'boom', stack: expect.stringContaining('invocation-logger.test.ts') },
    });
    expect(odd).toMatchObject({ traceId: 'trace-a', extra: 'details', level: 'CRITICAL' });
  });

  it('takes a message object like Powertools, and never lets a caller’s traceId hide the invocation’s', () => {
    const log = invocationLogger(root(), 'trace-a');
    log.info({ message: 'Counted', count: 3, traceId: 'from-message' }, { traceId: 'from-attributes' });
    expect(logs.entries()[0]).toMatchObject({ message: 'Counted', count: 3, traceId: 'trace-a' });
  });

  it('writes nothing below the container’s level', () => {
    const quiet = createLogger({ appName: 'plugin', environment: 'test', logLevel: 'WARN' });
    invocationLogger(quiet, 'trace-a').info('not written');
    expect(logs.entries()).toEqual([]);
  });
});
