import { lambdaHandler } from '@biot-plugin/runtime';
import { plugin } from './plugin.js';

/** The Lambda entry (`index.handler` in the bundle). */
export const handler = lambdaHandler(plugin);
