import type { Socket } from 'node:dgram';
import type { CallDescription, CallOutcome, Tracing } from './tracing.js';

/**
 * X-Ray subsegments written by hand: one UDP datagram per BioT call to the X-Ray daemon, which is
 * all the Powertools tracer and the X-Ray SDK did for us (see the README's dependency table for
 * what they cost a cold start). The trace and the parent (Lambda's function segment) come from
 * `_X_AMZN_TRACE_ID`, which Lambda sets for each invocation; unsampled invocations send nothing.
 *
 * Nothing about a call's content is sent: the URL is BioT's host plus the route template, and
 * there is no header, token, body, query or error message in the document.
 */
export function xraySubsegments(env: NodeJS.ProcessEnv): Tracing {
  const daemon = daemonAddress(env.AWS_XRAY_DAEMON_ADDRESS);
  let socket: Socket | undefined;
  const send = (document: SubsegmentDocument): void => {
    try {
      if (socket === undefined) {
        // Loaded on the first sampled call, never at import: the plugin's cold start does not pay
        // for it, and a synchronous built-in load has no ESM facade to build (see the bundle notes).
        const dgram = process.getBuiltinModule('node:dgram');
        socket = dgram.createSocket(daemon.host.includes(':') ? 'udp6' : 'udp4');
        // A lost datagram is a lost subsegment, never a failed call, and the socket must not keep
        // a finished process alive.
        socket.on('error', IGNORED);
        socket.unref();
      }
      socket.send(`${HEADER}${JSON.stringify(document)}`, daemon.port, daemon.host, IGNORED);
    } catch {
      // Tracing must never fail a call.
    }
  };
  return {
    startCall(call) {
      const context = traceHeader(env._X_AMZN_TRACE_ID);
      if (context === undefined) return { end: IGNORED };
      const startTime = nowSeconds();
      let ended = false;
      return {
        end(outcome) {
          if (ended) return;
          ended = true;
          try {
            send(subsegment(call, outcome, { ...context, startTime, endTime: nowSeconds() }));
          } catch {
            // Tracing must never fail a call.
          }
        },
      };
    },
  };
}

const HEADER = '{"format":"json","version":1}\n';
const IGNORED = () => {};

interface SubsegmentDocument {
  name: string;
  id: string;
  trace_id: string;
  parent_id: string;
  start_time: number;
  end_time: number;
  type: 'subsegment';
  namespace: 'remote';
  http: { request: { method: string; url: string }; response?: { status: number } };
  annotations: { biot_trace_id: string };
  error?: true;
  throttle?: true;
  fault?: true;
}

function subsegment(
  call: CallDescription,
  outcome: CallOutcome,
  at: { traceId: string; parentId: string; startTime: number; endTime: number },
): SubsegmentDocument {
  const status = typeof outcome === 'number' ? outcome : undefined;
  return {
    name: subsegmentName(call),
    id: call.spanId,
    trace_id: at.traceId,
    parent_id: at.parentId,
    start_time: at.startTime,
    end_time: at.endTime,
    type: 'subsegment',
    namespace: 'remote',
    http: {
      request: { method: call.method, url: `${origin(call.baseUrl)}${call.route}` },
      ...(status === undefined ? {} : { response: { status } }),
    },
    // Indexed by X-Ray: find the plugin's part of a BioT trace by BioT's trace id.
    annotations: { biot_trace_id: call.traceId },
    // X-Ray's flags: error for a 4xx, throttle for a 429 (an error too), fault for a 5xx or no answer.
    ...(status !== undefined && status >= 400 && status < 500 ? { error: true as const } : {}),
    ...(status === 429 ? { throttle: true as const } : {}),
    ...(status === undefined || status >= 500 ? { fault: true as const } : {}),
  };
}

/** X-Ray names allow letters, digits, spaces and `_.:/%&#=+\-@` only; `{id}` becomes `:id`. */
function subsegmentName(call: CallDescription): string {
  const route = call.route.replace(/\{([^}/]*)\}/g, ':$1').replace(/[^\p{L}\p{N}\s_.:/%&#=+\\\-@]/gu, '');
  return `BioT ${call.method} ${route}`.slice(0, 200);
}

function origin(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    // A base path (e.g. an API gateway stage) belongs to the URL; credentials never do.
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '';
  }
}

function nowSeconds(): number {
  return (performance.timeOrigin + performance.now()) / 1000;
}

/** `Root=1-…;Parent=…;Sampled=1`: the trace and parent of sampled invocations, else undefined. */
export function traceHeader(value: string | undefined): { traceId: string; parentId: string } | undefined {
  if (value === undefined) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const equals = part.indexOf('=');
    if (equals > 0) fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const traceId = fields.get('Root');
  const parentId = fields.get('Parent');
  if (fields.get('Sampled') !== '1' || traceId === undefined || parentId === undefined) return undefined;
  if (!/^1-[0-9a-f]{8}-[0-9a-f]{24}$/.test(traceId) || !/^[0-9a-f]{16}$/.test(parentId)) return undefined;
  return { traceId, parentId };
}

/**
 * AWS_XRAY_DAEMON_ADDRESS is `host:port`, or `udp:host:port tcp:host:port`; segments go over UDP.
 * The X-Ray SDK's default is 127.0.0.1:2000.
 */
export function daemonAddress(value: string | undefined): { host: string; port: number } {
  const udp =
    value
      ?.trim()
      .split(/\s+/)
      .map((part) => part.replace(/^udp:/, ''))
      .find((part) => !part.startsWith('tcp:')) ?? '';
  const colon = udp.lastIndexOf(':');
  const port = Number(udp.slice(colon + 1));
  const host = udp.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  if (colon <= 0 || !Number.isInteger(port) || port <= 0 || port > 65_535) {
    return { host: '127.0.0.1', port: 2000 };
  }
  return { host, port };
}
