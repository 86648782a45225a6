import { lambdaHandler } from '@biot-plugin/runtime';
import { plugin } from './plugin.js';

export const handler = lambdaHandler(plugin);
