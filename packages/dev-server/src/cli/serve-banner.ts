import { type BiotEmulator, NOTIFICATION_SCOPES } from '@biot-plugin/biot-emulator';
import type { LocalStack } from '../local/local-stack.js';
import { curlCommand } from './curl-command.js';

/** How long the token in the printed curl command stays valid. */
const CURL_TOKEN_LIFETIME_SECONDS = 3600;

/** What `--serve` prints once everything listens: where things are and how to send an event. */
export async function serveBanner(stack: LocalStack): Promise<string> {
  const source =
    stack.build === 'bundle'
      ? 'the production bundle (reloads after `pnpm build`)'
      : 'the runtime source (reloads when packages/runtime/src changes)';
  const lines = [`BioT plugin dev server: ${source}`, `  plugin    ${stack.devServer.url}`];
  if (stack.emulator === undefined) {
    lines.push(
      `  BioT      ${stack.biotUrl} (service user ${stack.serviceUserId})`,
      '',
      "Tokens are checked against that BioT's public key, so events must come from BioT itself",
      '(point a subscription at this URL through a tunnel), or from you with a token BioT signed:',
      '  pnpm invoke notification --token <BioT-signed JWT>',
    );
  } else {
    lines.push(
      `  emulator  ${stack.emulator.url} (admin API under /_emulator/)`,
      '',
      `Send a notification (its token is valid for ${CURL_TOKEN_LIFETIME_SECONDS / 60} minutes):`,
      `  ${await notificationCurl(stack.emulator, stack.devServer.url)}`,
      '',
      'or any event type, freshly signed: pnpm invoke <notification|pre|post|adapt-entity|nonspecific>',
    );
  }
  lines.push('', 'Ctrl-C stops.');
  return lines.join('\n');
}

/** The smallest notification BioT could send: a patient changed; the hook re-reads it. */
async function notificationCurl(emulator: BiotEmulator, pluginUrl: string): Promise<string> {
  const patientId = emulator.entities.patients.list()[0]?._id ?? '72b65591-2bc4-4b8a-877b-827a5a1057b3';
  const jwt = await emulator.signEventToken({
    scopes: NOTIFICATION_SCOPES,
    expiresInSeconds: CURL_TOKEN_LIFETIME_SECONDS,
  });
  const body = {
    metadata: { entityTypeName: 'patient', actionName: '_update', status: 'SUCCESS' },
    data: { entity: { _id: patientId } },
    jwt,
  };
  return curlCommand(
    `${pluginUrl}/`,
    { hooktype: 'NOTIFICATION', 'content-type': 'application/json' },
    JSON.stringify(body),
  );
}
