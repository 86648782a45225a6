import type { BiotEmulator } from '@biot-plugin/biot-emulator';
import { ENV, serializeServiceSecret } from '@biot-plugin/core';
import { awsOperation, startRecordingProxy } from '@biot-plugin/test-support/recording-proxy';
import { probeResult } from '../children/run-probe.js';
import type { BurstInput, BurstResult } from '../probes/messages.js';
import type { FunctionUrlEvent } from '../probes/probe-support.js';
import type { Measurement } from '../report/measurement.js';
import type { MotoStart } from '../secrets/moto-server.js';
import { LOGIN_ROUTE, PUBLIC_KEY_ROUTE } from './biot-routes.js';

export interface BurstOptions {
  bundle: string;
  emulator: BiotEmulator;
  env: Record<string, string>;
  serviceUserId: string;
  /** A started moto_server (closed by the caller), or why there is none. */
  secretsManager: MotoStart;
  events: readonly FunctionUrlEvent[];
}

const GET_SECRET_VALUE = 'secretsmanager.GetSecretValue';
const ONE = { op: '=', limit: 1 } as const;

/**
 * N notifications reach one cold container at once. With moto_server installed the secret comes
 * from (moto's) Secrets Manager, as deployed with BIOT_SERVICE_USER_SECRET_ARN, and a recording
 * proxy in front of it counts GetSecretValue calls; without it, from BIOT_SERVICE_USER_SECRET_KEY.
 */
export async function measureColdBurst(options: BurstOptions): Promise<Measurement[]> {
  const moto = options.secretsManager;
  const proxy = moto.available ? await startRecordingProxy(moto.server.url) : undefined;
  try {
    let env = options.env;
    if (moto.available && proxy) {
      const keyId = options.emulator.serviceUser(options.serviceUserId)?.secretKeys[0]?.id ?? 'bench';
      const secretKey = options.env[ENV.serviceUserSecretKey] ?? '';
      const arn = await moto.server.createSecret(
        `biot-plugin-bench/${Date.now()}`,
        serializeServiceSecret({ keyId, secretKey }),
      );
      const { [ENV.serviceUserSecretKey]: _fromEnvironment, ...rest } = options.env;
      env = {
        ...rest,
        [ENV.serviceUserSecretArn]: arn,
        ...moto.server.env(proxy.url),
      };
    }
    const before = options.emulator.stats().byRoute;
    const input: BurstInput = { bundle: options.bundle, events: [...options.events] };
    const result = await probeResult<BurstResult>({ probe: 'burst', input, env, timeoutMs: 60_000 });
    const after = options.emulator.stats().byRoute;
    const calls = (route: string) => (after[route] ?? 0) - (before[route] ?? 0);
    const n = options.events.length;
    const non200 = n - (result.statuses['200'] ?? 0);
    return [
      {
        id: 'burst.logins',
        metric: `logins when ${n} invocations hit a cold container`,
        value: calls(LOGIN_ROUTE),
        unit: 'count',
        target: ONE,
      },
      {
        id: 'burst.keyFetches',
        metric: `key fetches when ${n} invocations hit a cold container`,
        value: calls(PUBLIC_KEY_ROUTE),
        unit: 'count',
        target: ONE,
      },
      {
        id: 'burst.secretReads',
        metric: `secret reads when ${n} invocations hit a cold container`,
        value: proxy?.requests().filter((request) => awsOperation(request) === GET_SECRET_VALUE).length,
        unit: 'count',
        target: ONE,
        ...(moto.available ? {} : { unavailable: `n/a (${moto.reason})` }),
      },
      {
        id: 'burst.non200',
        metric: `answers other than 200 in the ${n}-invocation burst`,
        value: non200,
        unit: 'count',
        target: { op: '=', limit: 0 },
      },
    ];
  } finally {
    await proxy?.close();
  }
}
