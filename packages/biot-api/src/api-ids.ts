import { BIOT_API_IDS } from './types/generated/api-ids.js';

export { BIOT_API_IDS };

const TEMPLATES = BIOT_API_IDS.map((id) => id.split('/'));

/**
 * Whether `apiId` names one of BioT's APIs (`POST/organization/v1/users/patients`). A path
 * parameter may be given a concrete value to scope an interception (`.../templates/ward-pump`,
 * BIOT-CONTRACT.md §8.4), so `{param}` in BioT's template matches any one segment.
 */
export function isBiotApiId(apiId: string): boolean {
  const segments = apiId.split('/');
  return TEMPLATES.some(
    (template) =>
      template.length === segments.length &&
      template.every((part, i) => part === segments[i] || (isParameter(part) && segments[i] !== '')),
  );
}

/** BioT's APIs spelled closest to a mistyped one (fewest edits), for the message. */
export function nearestBiotApiIds(apiId: string, count = 2): string[] {
  return BIOT_API_IDS.map((id) => ({ id, distance: editDistance(id, apiId) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, count)
    .map((entry) => entry.id);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

function isParameter(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}
