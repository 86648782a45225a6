import { type ApiOperation, ApiValidator } from '@biot-plugin/biot-api';
import { BiotHttpError } from '../errors.js';
import { biotErrorBody } from '../http/error-body.js';
import type { Reply, RequestContext } from '../http/request-context.js';

/**
 * BioT's own OpenAPI files, held against every BioT-route request the emulator receives and every
 * answer it gives: a plugin, rotation, subscription or ops call that BioT would refuse is refused
 * here too (400 in BioT's error body, naming what is wrong), and an emulator answer that BioT's
 * file does not allow is a 500 that names the emulator's own fault.
 */
export class ApiContract {
  private constructor(private readonly validator: ApiValidator) {}

  /** One validator per process: BioT's files are read once, each schema compiled when first needed. */
  static load(): Promise<ApiContract> {
    shared ??= ApiValidator.load({ unchecked: UNCHECKED_FORMATS, nullMeansAbsent: true }).then(
      (validator) => new ApiContract(validator),
    );
    return shared;
  }

  /** The operation of BioT's files the request is for, after refusing what BioT would refuse. */
  checkRequest(context: RequestContext): ApiOperation | undefined {
    const verdict = this.validator.checkRequest({
      method: context.method,
      path: context.path,
      query: context.query,
      body: context.rawBody,
    });
    if (verdict.kind === 'unknown') return undefined;
    // A body that is not JSON is answered by the route itself, with the code BioT uses there.
    const problems = verdict.problems.filter(
      (problem) => problem !== 'body is not JSON' && !isErratum(verdict.operation, problem),
    );
    if (problems.length > 0) throw refusal(verdict.operation, problems);
    return verdict.operation;
  }

  /** The reply, or a 500 naming how it breaks BioT's file. */
  checkReply(operation: ApiOperation, reply: Reply, traceId: string): Reply {
    const problems = this.validator
      .checkResponse(operation, reply.status, reply.body)
      .filter((problem) => !isErratum(operation, problem));
    if (problems.length === 0) return reply;
    const name = `${operation.method} ${operation.path}`;
    return {
      status: 500,
      body: biotErrorBody(
        'EMULATOR_BREAKS_BIOT_CONTRACT',
        `The emulator's answer to ${name} is not what BioT's file allows: ${problems.join('; ')}`,
        traceId,
        { operation: name, status: reply.status, problems },
      ),
    };
  }
}

let shared: Promise<ApiContract> | undefined;

/**
 * Where BioT's file contradicts itself, its own words win over its `required` list: the
 * dispatcher's interception schemas require both `apiId` and `entityName`, yet say "apiId should
 * only be provided if type=PRE_REQUEST or POST_REQUEST" and "entityName ... if type=ADAPT_ENTITY"
 * (BIOT-CONTRACT.md §8.4). Problems listed here are not refusals.
 */
const FILE_ERRATA: ReadonlyArray<{ operation: RegExp; problem: RegExp }> = [
  {
    operation: /^(POST|GET) \/dispatcher\/v1\/hooks\/interceptions(\/(un)?subscribe)?$/,
    problem: /^(body|answer(\.data\.\d+)?)\.(apiId|entityName) is required$/,
  },
];

function isErratum(operation: ApiOperation, problem: string): boolean {
  const name = `${operation.method} ${operation.path}`;
  return FILE_ERRATA.some((erratum) => erratum.operation.test(name) && erratum.problem.test(problem));
}

/**
 * BioT's ids are UUIDs (`format: uuid`); tests and local runs name theirs `p-1` or `plugin-user`
 * for readable failures, so that format alone is not enforced.
 */
const UNCHECKED_FORMATS = ['uuid'];

function refusal(operation: ApiOperation, problems: readonly string[]): BiotHttpError {
  const code = problems.every((problem) => problem.endsWith(' is required'))
    ? 'MISSING_PARAMETERS'
    : problems.some((problem) => problem.startsWith('query parameter searchRequest'))
      ? 'INVALID_SEARCH_REQUEST'
      : 'INVALID_PARAMETERS';
  // `missing` and `field` as the emulator's own refusals name them, so a client reads one shape.
  const missing = problems.flatMap((problem) => /^body\.(.+) is required$/.exec(problem)?.[1] ?? []);
  const field = /^(?:body|\w+ parameter) ?([^ ]*)/.exec(problems[0] ?? '')?.[1]?.replace(/^\./, '');
  return new BiotHttpError(400, code, `${operation.method} ${operation.path}: ${problems.join('; ')}`, {
    operation: `${operation.method} ${operation.path}`,
    problems: [...problems],
    ...(missing.length > 0 ? { missing } : {}),
    ...(field ? { field } : {}),
  });
}
