import { relative } from 'node:path';
import { REPO_ROOT } from '../plugin-packages.js';
import type { ScaffoldedPlugin } from './scaffold-plugin.js';

/** What `pnpm new-plugin` prints once the plugin is written and linked. */
export function nextSteps(plugin: ScaffoldedPlugin): string {
  const folder = relative(REPO_ROOT, plugin.dir) || plugin.dir;
  const { name } = plugin;
  return `Created ${folder} with the ${plugin.hooks.join(', ')} hook${plugin.hooks.length === 1 ? '' : 's'}:
${plugin.files.map((file) => `  ${file}`).join('\n')}

Next:
  1. Run its tests:   pnpm vitest run ${folder}
  2. Run it locally:  pnpm start --plugin ${name}
  3. Deploy it: add it to an environment in infra/config/environments.ts, under \`plugins\`:
       plugins: { '${name}': { serviceUserId: '<its BioT service user>' } }
     Its stack there is ${name}-<env>; operate it with \`pnpm ops <command> --env <env> --plugin ${name}\`.`;
}
