import { BadRequestError, NotFoundError } from '../errors.js';
import { isPlainObject, jsonBody } from '../http/json-body.js';
import type { Router } from '../http/router.js';
import { parseSearchRequest, search } from '../search/search-request.js';
import type { ServiceTokenGuard } from '../ums/service-token-guard.js';
import type { BiotEntity } from './entity.js';
import { answeredEntity, ENTITY_APIS, type EntityApi } from './entity-apis.js';
import type { EntityCollection } from './entity-collection.js';
import type { EntityStore } from './entity-store.js';

/** Search, get and patch for patients and devices: the entity APIs a plugin typically calls. */
export function addEntityRoutes(router: Router, entities: EntityStore, guard: ServiceTokenGuard): void {
  for (const api of Object.values(ENTITY_APIS)) {
    addCollectionRoutes(router, api, api.collection(entities), guard);
  }
}

function addCollectionRoutes(
  router: Router,
  api: EntityApi,
  collection: EntityCollection,
  guard: ServiceTokenGuard,
): void {
  const basePath = api.path;
  const answer = (entity: BiotEntity) => answeredEntity(api, entity);
  const notFound = (id: string) =>
    new NotFoundError('ENTITY_NOT_FOUND', `No ${collection.entityTypeName} with id ${id}`, {
      entityTypeName: collection.entityTypeName,
      id,
    });

  router
    .add('GET', basePath, (context) => {
      guard.require(context);
      return { status: 200, body: search(collection.list().map(answer), parseSearchRequest(context.query)) };
    })
    .add('GET', `${basePath}/{id}`, (context) => {
      guard.require(context);
      const id = context.params.id as string;
      const entity = collection.get(id);
      if (entity === undefined) throw notFound(id);
      return { status: 200, body: answer(entity) };
    })
    .add('PATCH', `${basePath}/{id}`, (context) => {
      guard.require(context);
      const id = context.params.id as string;
      const changes = jsonBody(context);
      if (!isPlainObject(changes))
        throw new BadRequestError('MISSING_PARAMETERS', 'PATCH needs a JSON object body');
      const entity = collection.patch(id, changes);
      if (entity === undefined) throw notFound(id);
      return { status: 200, body: answer(entity) };
    });
}
