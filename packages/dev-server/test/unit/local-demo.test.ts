import { describe, expect, it } from 'vitest';
import { renderDemoTable } from '../../src/demo/demo-table.js';
import { type DemoReport, runLocalDemo } from '../../src/demo/run-local-demo.js';
import { silentLog } from '../../src/server/dev-server-log.js';
import { FAULTY_PLUGINS_DIR, fixturePlugin, fixturePlugins } from '../support/fixture-plugins.js';

const quiet = { logLevel: 'SILENT', log: silentLog } as const;

describe('the local demo behind `pnpm start`', () => {
  it('sends each plugin every call its definition subscribes to and a forged one, each answered as BioT expects', async () => {
    const report = await runLocalDemo({ plugins: fixturePlugins(), ...quiet });

    expect(report.passed).toBe(true);
    expect(report.rows.map((row) => [row.plugin, row.event, row.status])).toEqual([
      ['device-clock', 'notification device _create', 200],
      ['device-clock', 'forged token', 401],
      ['patient-desk', 'notification patient _update', 200],
      ['patient-desk', 'preRequest GET /organization/v1/users/patients', 200],
      ['patient-desk', 'preRequest DELETE /organization/v1/users/patients/{id}', 403],
      ['patient-desk', 'postRequest GET /organization/v1/users/patients', 200],
      ['patient-desk', 'adaptEntity patient', 200],
      ['patient-desk', 'scheduled', 200],
      ['patient-desk', 'forged token', 401],
    ]);
  });

  it('says what each hook did, from its answer and the BioT calls it made', async () => {
    const { rows } = await runLocalDemo({ plugins: fixturePlugins(), ...quiet });

    expect(rows.map((row) => row.result)).toEqual([
      "read device pump-0001, updated device pump-0001 via BioT (after it fetched BioT's public key and logged in)",
      'refused with JWT_INVALID before any hook ran',
      "read patient 72b65591… via BioT (after it fetched BioT's public key and logged in)",
      'changed headers.x-desk nothing → "patient-desk"',
      'blocked with ACCESS_DENIED: Patients are not deleted at this desk',
      'changed _name.lastName in 3 of 3 entities, e.g. "Cohen" → "COHEN"',
      'changed _email in 3 of 3 entities, e.g. "noa.cohen@example.com" → null',
      'answered {"patients":3}; searched patients via BioT',
      'refused with JWT_INVALID before any hook ran',
    ]);
    expect(rows[2]?.biotRoutes).toEqual([
      'GET /ums/v1/security/public-key',
      'POST /ums/v2/services/accessToken',
      'GET /organization/v1/users/patients/{id}',
    ]);
  });

  it('runs only the plugins it is given', async () => {
    const report = await runLocalDemo({ plugins: [fixturePlugin('device-clock')], ...quiet });

    expect(new Set(report.rows.map((row) => row.plugin))).toEqual(new Set(['device-clock']));
    expect(report.plugins.map((plugin) => plugin.name)).toEqual(['device-clock']);
  });

  it('fails a call whose answer BioT could not use, saying what BioT needed', async () => {
    const report = await runLocalDemo({ plugins: fixturePlugins(FAULTY_PLUGINS_DIR), ...quiet });

    expect(report.passed).toBe(false);
    expect(report.rows[0]).toMatchObject({
      event: 'notification patient _create',
      status: 500,
      pass: false,
      expected: '200 (BioT ignores the body)',
    });
  });

  it('prints a row per call with its plugin, and a summary, with what BioT needed under a failed row', () => {
    const row = { hook: 'notification' as const, ms: 12, biotRoutes: [], metrics: [] };
    const report: DemoReport = {
      rows: [
        {
          ...row,
          plugin: 'clock',
          event: 'notification device _create',
          status: 200,
          result: 'acknowledged',
          pass: true,
          expected: '200',
        },
        {
          ...row,
          plugin: 'patient-desk',
          event: 'forged token',
          status: 500,
          ms: 3,
          result: 'failed',
          pass: false,
          expected: '401 JWT_INVALID',
        },
      ],
      passed: false,
      ms: 640,
      build: 'source',
      plugins: [
        { name: 'clock', url: 'http://127.0.0.1:1' },
        { name: 'patient-desk', url: 'http://127.0.0.1:2' },
      ],
      emulatorUrl: 'http://127.0.0.1:3',
    };

    expect(renderDemoTable(report).split('\n')).toEqual([
      '      plugin        event                        status      ms  what the hook did',
      'PASS  clock         notification device _create     200      12  acknowledged',
      'FAIL  patient-desk  forged token                    500       3  failed',
      '                                                 expected 401 JWT_INVALID',
      '',
      "1 of 2 calls answered as BioT expects, 2 plugins, in 640 ms (each plugin's source behind its own local Function URL, BioT emulated).",
    ]);
  });
});
