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
