import { definePlugin } from '@biot-plugin/runtime';
import { adaptEntity } from './hooks/adapt-entity.js';
import { notification } from './hooks/notification.js';
import { postRequest } from './hooks/post-request.js';
import { preRequest } from './hooks/pre-request.js';
import { scheduled } from './hooks/scheduled.js';

/**
 * The example plugin: one hook of each type, on BioT's patients, and what BioT must send each.
 * `cdk deploy` registers these subscriptions; an environment may override them (infra/config).
 */
export const plugin = definePlugin({
  name: 'example',
  hooks: { notification, preRequest, postRequest, adaptEntity, scheduled },
  subscriptions: {
    notifications: [
      { entityTypeName: 'patient', actionName: '_create' },
      { entityTypeName: 'patient', actionName: '_update' },
    ],
    interceptions: [
      { type: 'PRE_REQUEST', apiId: 'GET/organization/v1/users/patients', executionOrder: 10 },
      { type: 'PRE_REQUEST', apiId: 'DELETE/organization/v1/users/patients/{id}', executionOrder: 10 },
      { type: 'POST_REQUEST', apiId: 'GET/organization/v1/users/patients', executionOrder: 10 },
      { type: 'ADAPT_ENTITY', entityName: 'patient' },
    ],
  },
  schedule: 'rate(1 day)',
});
