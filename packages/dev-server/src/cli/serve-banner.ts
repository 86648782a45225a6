import type { BiotEmulator } from '@biot-plugin/biot-emulator';
import { HOOK_NAMES } from '@biot-plugin/runtime';
import { eventTypeOf, pluginEvents } from '../events/hook-events.js';
import type { LocalPlugin, LocalStack } from '../local/local-stack.js';
import { curlCommand } from './curl-command.js';

/** How long the token in the printed curl command stays valid. */
const CURL_TOKEN_LIFETIME_SECONDS = 3600;

/** What `--serve` prints once everything listens: where things are and how to send an event. */
export async function serveBanner(stack: LocalStack): Promise<string> {
  const source =
    stack.build === 'bundle'
      ? "each plugin's production bundle (reloads after `pnpm build`)"
      : "each plugin's source (reloads when its src or packages/runtime/src changes)";
  const width = Math.max(8, ...stack.plugins.map((plugin) => plugin.name.length));
  const lines = [
    `BioT plugin dev server: ${source}`,
    ...stack.plugins.map((plugin) => `  ${plugin.name.padEnd(width)}  ${plugin.devServer.url}`),
  ];
  const invoke = stack.plugins.length === 1 ? 'pnpm invoke <hook>' : 'pnpm invoke --plugin <name> <hook>';
  if (stack.emulator === undefined) {
    lines.push(
      `  ${'BioT'.padEnd(width)}  ${stack.biotUrl} (service user ${stack.plugins[0]?.serviceUserId})`,
      '',
      "Tokens are checked against that BioT's public key, so events must come from BioT itself",
      '(point a subscription at this URL through a tunnel), or from you with a token BioT signed:',
      `  ${invoke.replace('<hook>', 'notification')} --token <BioT-signed JWT>`,
    );
  } else {
    lines.push(`  ${'emulator'.padEnd(width)}  ${stack.emulator.url} (admin API under /_emulator/)`);
    const curl = await firstCallCurl(stack.emulator, stack.plugins);
    if (curl !== undefined) {
      lines.push(
        '',
        `Send ${curl.plugin} its ${curl.event} (the token is valid for ${CURL_TOKEN_LIFETIME_SECONDS / 60} minutes):`,
        `  ${curl.command}`,
      );
    }
    lines.push(
      '',
      `or any hook, freshly signed: ${invoke}, <hook> one of ${HOOK_NAMES.join(', ')}`,
      '',
      'What the emulator holds and the requests it received (read-only JSON, secrets redacted):',
      `  ${stack.emulator.url}/_emulator/view   (links to /entities, /service-users, /subscriptions, /requests?last=20)`,
    );
  }
  lines.push('', 'Ctrl-C stops.');
  return lines.join('\n');
}

/** The first call `pnpm start` would send to a plugin, as a curl command with a long-lived token. */
async function firstCallCurl(emulator: BiotEmulator, plugins: readonly LocalPlugin[]) {
  for (const plugin of plugins) {
    const event = (await pluginEvents(plugin.definition, emulator)).find(
      (call) => call.delivery === 'function-url',
    );
    if (event === undefined) continue;
    const token = await emulator.signEventToken({
      scopes: [...event.scopes],
      expiresInSeconds: CURL_TOKEN_LIFETIME_SECONDS,
    });
    const { headers, body } = await emulator.buildEvent(eventTypeOf(event.hook), { body: event.body, token });
    // What BioT sends that says what the call is; the trace and client headers would only be noise.
    const sent = Object.fromEntries(
      Object.entries(headers).filter(([name]) =>
        ['hooktype', 'authorization', 'content-type'].includes(name),
      ),
    );
    return {
      plugin: plugin.name,
      event: event.name,
      command: curlCommand(`${plugin.devServer.url}/`, sent, body),
    };
  }
  return undefined;
}
