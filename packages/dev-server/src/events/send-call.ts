import { randomBytes } from 'node:crypto';
import type { BiotEmulator, PluginAnswer } from '@biot-plugin/biot-emulator';
import { toHttpResponse } from '../function-url/function-url-response.js';
import { DIRECT_INVOCATION_PATH } from '../invoke-api/invoke-api.js';
import { eventTypeOf, type HookEvent } from './hook-events.js';

export interface SentCall {
  answer: PluginAnswer;
  /** The trace the plugin's BioT calls went under (BIOT-CONTRACT.md §5): BioT's, or the one it answered with. */
  traceparent: string | undefined;
}

/**
 * Sends a call the way it arrives when deployed: BioT's through the plugin's Function URL, signed
 * by the emulator (or with the token given), and the schedule's as a direct invocation.
 */
export async function sendCall(
  biot: Pick<BiotEmulator, 'sendEvent' | 'signEventToken'>,
  pluginUrl: string,
  event: HookEvent,
  options: { token?: string } = {},
): Promise<SentCall> {
  if (event.delivery === 'direct') {
    const answer = await invokeDirectly(pluginUrl, event.body);
    return { answer, traceparent: answer.headers.traceparent };
  }
  const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
  const token = options.token ?? (await biot.signEventToken({ scopes: [...event.scopes] }));
  const answer = await biot.sendEvent(pluginUrl, eventTypeOf(event.hook), {
    body: event.body,
    token,
    traceparent,
  });
  return { answer, traceparent };
}

/** POSTs the payload to the dev server's Invoke API path and reads the answer as `answerOfDirectInvocation`. */
async function invokeDirectly(pluginUrl: string, payload: unknown): Promise<PluginAnswer> {
  const started = performance.now();
  const response = await fetch(`${pluginUrl}${DIRECT_INVOCATION_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const body = await response.text();
  return answerOfDirectInvocation(
    response.status,
    Object.fromEntries(response.headers),
    body,
    performance.now() - started,
  );
}

/**
 * A direct invocation's answer, read as what the handler answered: its result through a Function
 * URL's rules (the runtime answers `{statusCode, headers, body}` however it is invoked), or 502
 * when the function failed, as a Function URL would answer then. So a scheduled call's row reads
 * like BioT's calls' rows.
 */
export function answerOfDirectInvocation(
  status: number,
  headers: Record<string, string>,
  body: string,
  ms: number,
): PluginAnswer {
  const failed = headers['x-amz-function-error'] !== undefined;
  if (status !== 200 || failed)
    return { status: status === 200 ? 502 : status, headers, body, ...json(body), ms };
  try {
    const { response } = toHttpResponse(JSON.parse(body));
    const text = response.body.toString('utf8');
    return { status: response.status, headers: response.headers, body: text, ...json(text), ms };
  } catch {
    return { status: 502, headers, body, ...json(body), ms };
  }
}

function json(body: string): { json?: unknown } {
  try {
    return body.trim() === '' ? {} : { json: JSON.parse(body) as unknown };
  } catch {
    return {};
  }
}
