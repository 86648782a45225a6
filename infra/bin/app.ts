import { App } from 'aws-cdk-lib';
import { UnknownEnvironmentError } from '../config/environments.js';
import { PluginSettingsError } from '../lib/construct/plugin-settings.js';
import { addPluginStack } from '../lib/plugin-app.js';

// cdk.json runs this file: `pnpm synth` (dev) or `pnpm cdk deploy -c env=prod`.
try {
  addPluginStack(new App());
} catch (error) {
  // A config mistake is the user's to fix: say what is wrong, without a stack trace.
  if (!(error instanceof UnknownEnvironmentError || error instanceof PluginSettingsError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
