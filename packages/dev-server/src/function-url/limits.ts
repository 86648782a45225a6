/**
 * Lambda's synchronous invocation payload limit, which a Function URL applies to the request and
 * to the response alike: 6 MB (AWS Lambda quotas, "Invocation payload").
 */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** BioT's default timeout for a plugin Lambda (BIOT-CONTRACT.md §8.2). */
export const DEFAULT_TIMEOUT_MS = 3_000;
