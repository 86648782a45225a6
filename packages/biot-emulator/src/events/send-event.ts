import type { BiotEvent } from './build-event.js';

/** What the plugin answered BioT. */
export interface PluginAnswer {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
  /** The body parsed, when it is JSON. */
  json?: unknown;
  /** Wall time from sending to the last byte of the answer. */
  ms: number;
}

/** POSTs an event to a plugin the way BioT does: path as given, JSON body (BIOT-CONTRACT.md §1.1). */
export async function sendEvent(pluginUrl: string, event: BiotEvent): Promise<PluginAnswer> {
  const started = performance.now();
  const response = await fetch(pluginUrl, { method: 'POST', headers: event.headers, body: event.body });
  const body = await response.text();
  const ms = performance.now() - started;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const json = parseJson(body);
  return { status: response.status, headers, body, ...(json === undefined ? {} : { json }), ms };
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
