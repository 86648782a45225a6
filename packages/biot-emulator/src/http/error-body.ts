/** BioT's standard error body, the `ErrorResponse` schema of every BioT service (BIOT-CONTRACT.md §2.5). */
export interface BiotErrorBody {
  code: string;
  message: string;
  serviceName: string;
  traceId: string;
  environment: string;
  details: Record<string, unknown>;
}

export const EMULATOR_SERVICE_NAME = 'biot-emulator';
export const EMULATOR_ENVIRONMENT = 'local';

export function biotErrorBody(
  code: string,
  message: string,
  traceId: string,
  details: Record<string, unknown> = {},
): BiotErrorBody {
  return {
    code,
    message,
    serviceName: EMULATOR_SERVICE_NAME,
    traceId,
    environment: EMULATOR_ENVIRONMENT,
    details,
  };
}

/**
 * `value` as BioT's error body when it is one (every field there, of its type), else undefined:
 * how a client of BioT, or of a plugin answering in BioT's format, tells an error body apart.
 */
export function readBiotErrorBody(value: unknown): BiotErrorBody | undefined {
  if (!isRecord(value)) return undefined;
  const { code, message, serviceName, traceId, environment, details } = value;
  if (
    typeof code !== 'string' ||
    typeof message !== 'string' ||
    typeof serviceName !== 'string' ||
    typeof traceId !== 'string' ||
    typeof environment !== 'string' ||
    !isRecord(details)
  ) {
    return undefined;
  }
  return { code, message, serviceName, traceId, environment, details: { ...details } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
