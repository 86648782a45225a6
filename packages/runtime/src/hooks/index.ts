import type { PluginHooks } from '../hook-api/index.js';
import { adaptEntity } from './adapt-entity.js';
import { interceptorPost } from './interceptor-post.js';
import { interceptorPre } from './interceptor-pre.js';
import { notification } from './notification.js';
import { scheduled } from './scheduled.js';

/** The plugin's hooks, one per event type. Edit the files beside this one. */
export const hooks: PluginHooks = { notification, interceptorPre, interceptorPost, adaptEntity, scheduled };
