import * as v from 'valibot';

/*
 * The shapes of BioT's event bodies (BIOT-CONTRACT.md §1.3–1.6). Every object is a `looseObject`: fields
 * we do not know are kept and passed back unchanged, so a field BioT adds tomorrow is not lost.
 * Fields the contract marks confirmed [C] are required; the POST and ADAPT_ENTITY bodies are
 * inferred [I], so only what a hook cannot work without is required there.
 */

const Json = v.unknown();

export const NotificationBody = v.looseObject({
  metadata: v.looseObject({
    entityTypeName: v.string(),
    actionName: v.string(),
    status: v.optional(v.string()),
    startTime: v.optional(v.string()),
    endTime: v.optional(v.string()),
    traceId: v.optional(v.string()),
    initiator: v.optional(
      v.looseObject({ subject: v.optional(v.looseObject({ id: v.optional(v.string()) })) }),
    ),
  }),
  data: v.looseObject({
    entity: v.optional(v.looseObject({ _id: v.optional(v.string()) })),
    additionalData: v.optional(v.looseObject({ oldEntity: v.optional(v.looseObject({})) })),
  }),
  // Required by BioT, but checked by the authenticate stage so that a missing token is a 401.
  jwt: v.optional(v.string()),
});

const InitiatorData = v.looseObject({
  subjectId: v.optional(v.string()),
  ownerOrganizationId: v.optional(v.nullable(v.string())),
  tokenType: v.optional(v.string()),
});

/** The intercepted API request; confirmed by a captured PRE event. */
export const InterceptedRequest = v.looseObject({
  path: v.string(),
  queryParameters: v.record(v.string(), v.array(v.string())),
  headers: v.record(v.string(), v.string()),
  body: v.optional(Json),
  pathVariables: v.optional(Json),
});

export const PreRequestBody = v.looseObject({
  initiatorData: v.optional(InitiatorData),
  method: v.string(),
  entityName: v.optional(v.nullable(v.string())),
  apiId: v.string(),
  request: InterceptedRequest,
});

/** Inferred envelope of POST and ADAPT_ENTITY events: nothing in it is required. */
const InferredEnvelope = {
  initiatorData: v.optional(InitiatorData),
  method: v.optional(v.string()),
  entityName: v.optional(v.nullable(v.string())),
  apiId: v.optional(v.string()),
  request: v.optional(v.looseObject({})),
};

/** The intercepted API response; `statusCode` is our best reading of the contract (§1.5, [I]). */
export const InterceptedResponse = v.looseObject({
  statusCode: v.optional(v.number()),
  body: v.optional(Json),
});

export const PostRequestBody = v.looseObject({ ...InferredEnvelope, response: InterceptedResponse });

export const AdaptedResponse = v.looseObject({
  statusCode: v.optional(v.number()),
  entities: v.array(v.looseObject({})),
});

export const AdaptEntityBody = v.looseObject({ ...InferredEnvelope, response: AdaptedResponse });

export type NotificationBody = v.InferOutput<typeof NotificationBody>;
export type InterceptedRequest = v.InferOutput<typeof InterceptedRequest>;
export type PreRequestBody = v.InferOutput<typeof PreRequestBody>;
export type InterceptedResponse = v.InferOutput<typeof InterceptedResponse>;
export type PostRequestBody = v.InferOutput<typeof PostRequestBody>;
export type AdaptedResponse = v.InferOutput<typeof AdaptedResponse>;
export type AdaptEntityBody = v.InferOutput<typeof AdaptEntityBody>;
