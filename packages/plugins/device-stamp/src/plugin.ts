import { definePlugin } from '@biot-plugin/runtime';
import { notification } from './hooks/notification.js';

/** Stamps `firstSeenAt` on every device BioT creates. */
export const plugin = definePlugin({
  name: 'device-stamp',
  hooks: { notification },
  subscriptions: {
    notifications: [{ entityTypeName: 'device', actionName: '_create' }],
  },
});
