import { describe, expect, it } from 'vitest';
import { renderDemoTable } from '../src/demo/demo-table.js';
import { runLocalDemo } from '../src/demo/run-local-demo.js';
import { silentLog } from '../src/server/dev-server-log.js';

describe('the local demo behind `pnpm start`', () => {
  it('sends one event of each type and a forged one, and every answer is what BioT expects', async () => {
    const report = await runLocalDemo({ logLevel: 'SILENT', log: silentLog });

    expect(report.passed).toBe(true);
    expect(report.rows.map((row) => [row.event, row.status])).toEqual([
      ['NOTIFICATION', 200],
      ['INTERCEPTOR_PRE', 200],
      ['INTERCEPTOR_POST', 200],
      ['INTERCEPTOR_POST_ENTITY', 200],
      ['NONSPECIFIC', 200],
      ['forged token', 401],
    ]);
  });

  it('says what each hook did, from its answer and the BioT calls it made', async () => {
    const { rows } = await runLocalDemo({ logLevel: 'SILENT', log: silentLog });

    expect(rows.map((row) => row.result)).toEqual([
      "read patient 72b65591… via BioT (after it fetched BioT's public key and logged in)",
      'changed queryParameters.searchRequest[0].limit 200 → 50',
      'changed _name.firstName, _name.lastName in 3 of 3 entities, e.g. "noa" → "Noa"',
      'changed _nationalId in 1 of 1 entity, e.g. "1231152352" → "******2352"',
      'answered {"enabledPatients":2}; searched patients via BioT',
      'refused with JWT_INVALID before any hook ran',
    ]);
    expect(rows[0]?.biotRoutes).toEqual([
      'GET /ums/v1/security/public-key',
      'POST /ums/v2/services/accessToken',
      'GET /organization/v1/users/patients/{id}',
    ]);
  });

  it('prints a row per event and a summary, with what BioT needed under a failed row', () => {
    const table = renderDemoTable({
      rows: [
        {
          event: 'NOTIFICATION',
          status: 200,
          ms: 12,
          result: 'acknowledged',
          pass: true,
          expected: '200',
          biotRoutes: [],
        },
        {
          event: 'INTERCEPTOR_PRE',
          status: 500,
          ms: 3,
          result: 'failed',
          pass: false,
          expected: '200 with {"request"}',
          biotRoutes: [],
        },
      ],
      passed: false,
      ms: 640,
      build: 'source',
      pluginUrl: 'http://127.0.0.1:1',
      emulatorUrl: 'http://127.0.0.1:2',
    });

    expect(table.split('\n')).toEqual([
      '      event            status      ms  what the hook did',
      'PASS  NOTIFICATION        200      12  acknowledged',
      'FAIL  INTERCEPTOR_PRE     500       3  failed',
      '                       expected 200 with {"request"}',
      '',
      '1 of 2 events answered as BioT expects, in 640 ms (the runtime source behind a local Function URL, BioT emulated).',
    ]);
  });
});
