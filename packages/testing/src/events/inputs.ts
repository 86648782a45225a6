/**
 * What a test says about the event it wants: only what matters to the hook under test. The kit
 * fills in the rest the way BioT does (BIOT-CONTRACT.md §1.3–1.6) and signs the result.
 */

/** An entity as a BioT API returns it: `_id` plus any attributes (built-in ones start with `_`). */
export interface EntityInput {
  readonly _id: string;
  readonly [attribute: string]: unknown;
}

/** The HTTP methods of BioT's APIs. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface NotificationAction {
  /** BioT's entity type, e.g. `patient`, `device`, `generic-entity` (BIOT-CONTRACT.md §9). */
  readonly entityTypeName: string;
  /** The action, with its leading underscore: `_create`, `_update`, `_delete`. */
  readonly actionName: string;
  /** `data.additionalData.oldEntity`: the entity before an `_update`. @default - none (`{}`) */
  readonly oldEntity?: Readonly<Record<string, unknown>>;
  /** `metadata.startTime`, ISO-8601 with nanoseconds as BioT sends it. @default - now */
  readonly startTime?: string;
  /** `metadata.initiator.subject.id`: who did it. @default END_USER_ID */
  readonly initiatorId?: string;
}

/**
 * A notification: which action happened to which entity. The entity is `entity` as given, or,
 * with `entityId`, the patient or device of that id as the emulator holds it now; with neither,
 * `data` carries no entity.
 */
export type NotificationInput = NotificationAction &
  (
    | { readonly entity: EntityInput; readonly entityId?: never }
    | { readonly entityId: string; readonly entity?: never }
    | { readonly entity?: never; readonly entityId?: never }
  );

/** Who made the intercepted API call (`initiatorData`, BIOT-CONTRACT.md §1.4). */
export interface InitiatorInput {
  /** @default END_USER_ID */
  readonly subjectId?: string;
  /** @default ROOT_ORGANIZATION_ID */
  readonly ownerOrganizationId?: string | null;
  /** @default 'USER' */
  readonly tokenType?: string;
}

/** The API call an interceptor sees: what an end user asked BioT for. */
export interface InterceptedCallInput {
  readonly method: HttpMethod;
  /**
   * The path called, or BioT's path template with `{name}` placeholders filled from
   * `pathVariables`: `'/organization/v1/users/patients/{id}'` with `{ id: 'p-1' }` sends
   * `request.path` `/organization/v1/users/patients/p-1` and apiId
   * `DELETE/organization/v1/users/patients/{id}`.
   */
  readonly path: string;
  /** Values of the template's placeholders; sent as `request.pathVariables` (its shape in BioT is unknown, BIOT-CONTRACT.md §1.4). */
  readonly pathVariables?: Readonly<Record<string, string>>;
  /** Query parameters; BioT sends each as an array of strings. */
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  /** Shorthand for the `searchRequest` query parameter, JSON-encoded as BioT's console sends it. */
  readonly searchRequest?: Readonly<Record<string, unknown>>;
  /** The request's JSON body. @default null */
  readonly body?: unknown;
  /** More headers of the end user's request (names lower-case), or replacements. */
  readonly headers?: Readonly<Record<string, string>>;
  /** @default the method followed by the path template, as BioT forms it: `GET/organization/v1/users/patients` */
  readonly apiId?: string;
  /** @default the entity whose API the path belongs to (`patient`, `device`), else null */
  readonly entityName?: string | null;
  readonly initiator?: InitiatorInput;
}

/** A PRE_REQUEST event: the call, before BioT serves it. */
export type PreRequestInput = InterceptedCallInput;

/** The answer BioT's API gave, as a POST_REQUEST event carries it (field names [I], BIOT-CONTRACT.md §1.5). */
export interface InterceptedResponseInput {
  readonly statusCode: number;
  readonly body?: unknown;
  readonly [field: string]: unknown;
}

/** A POST_REQUEST event: the call and BioT's answer to it. */
export interface PostRequestInput extends InterceptedCallInput {
  readonly response: InterceptedResponseInput;
}

/** An ADAPT_ENTITY event: the entities an API is about to return. */
export interface AdaptEntityInput extends Partial<Omit<InterceptedCallInput, 'entityName'>> {
  /** BioT's entity name, e.g. `patient`. */
  readonly entityName: string;
  readonly entities: readonly Readonly<Record<string, unknown>>[];
  /** @default 200 */
  readonly statusCode?: number;
}

/** How a scheduled call arrives. */
export interface ScheduledOptions {
  /**
   * `invoke`: a direct invocation, as EventBridge Scheduler makes it (no token; IAM authorised it).
   * `url`: through the Function URL without `hooktype`, with one of BioT's service tokens that
   * carries the plugin's `scheduledViaUrl.scope`; a plugin without `scheduledViaUrl` refuses it
   * (403 SCHEDULED_VIA_URL_DISABLED), as it does when deployed.
   * @default 'invoke'
   */
  readonly via?: 'invoke' | 'url';
}
