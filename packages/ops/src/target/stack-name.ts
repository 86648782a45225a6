/**
 * The stack of an environment, named as infra/lib/plugin-app.ts names it: `<appName>-<env>`, with
 * appName from infra/config/environments.ts ('biot-plugin' unless an environment changes it).
 * Kept here rather than imported so that ops need not load the CDK.
 */
export function stackNameFor(environment: string, appName: string): string {
  return `${appName}-${environment}`;
}
