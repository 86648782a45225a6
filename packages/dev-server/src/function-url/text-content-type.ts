/**
 * Whether a Function URL passes a body of this content type as text; any other body arrives
 * base64-encoded with `isBase64Encoded: true`. A body without a content type is treated as
 * binary, the safe reading: base64 loses nothing.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (mediaType.startsWith('text/')) return true;
  return TEXT_APPLICATION_TYPES.has(mediaType) || /^application\/[\w.+-]+\+(json|xml)$/.test(mediaType);
}

const TEXT_APPLICATION_TYPES = new Set([
  'application/json',
  'application/xml',
  'application/javascript',
  'application/x-www-form-urlencoded',
]);
