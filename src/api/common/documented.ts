import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtension, ApiHeader, ApiOperation, ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorBody } from './error-body';

/** What an operation can answer besides its success; each present key adds that refusal with its codes. */
export interface Answers {
  /** The success: its class (or [class] for a list), status 200 unless given, 204 when `type` is absent. */
  ok: { type?: Type<unknown> | [Type<unknown>]; status?: number; description?: string };
  /** No access token needed: no 401/403, and the document says so (`security: []`). */
  public?: boolean;
  /** The operation takes a JSON body: 400 MALFORMED_JSON and 413 PAYLOAD_TOO_LARGE besides the validation. */
  body?: boolean;
  /** 400 beyond VALIDATION_FAILED, e.g. the codes of a public route. */
  invalid?: string;
  /** 401 beyond UNAUTHENTICATED (e.g. a refused login). */
  unauthenticated?: string;
  /** 403 beyond FORBIDDEN_ACTOR. */
  forbidden?: string;
  notFound?: string;
  conflict?: string;
  unprocessable?: string;
  throttled?: string;
  /** The answer comes from a workflow update (executeUpdate): 202 REQUEST_IN_PROGRESS when it does not answer in time. */
  update?: boolean;
}

const VALIDATION = 'VALIDATION_FAILED: a parameter, the query, the body or x-acting-role/x-acting-unit is malformed';

/**
 * The operation, its success and every refusal it can answer, all with the ErrorBody shape. Guarded routes (all but
 * `public`) answer 401 without a valid token and 403 when the acting role is not held or may not do this; every
 * route answers 503 when PostgreSQL or Temporal does not.
 */
export function Documented(summary: string, answers: Answers): MethodDecorator {
  const { ok } = answers;
  const error = (status: number, description: string) => ApiResponse({ status, type: ErrorBody, description });
  const decorators: (MethodDecorator | ClassDecorator)[] = [
    ApiOperation({ summary }),
    ok.type
      ? ApiResponse({ status: ok.status ?? 200, type: ok.type, description: ok.description ?? 'Done' })
      : ApiResponse({ status: ok.status ?? 204, description: ok.description ?? 'Done; no content' }),
    error(503, 'SERVICE_UNAVAILABLE: PostgreSQL or Temporal does not answer; Retry-After says when to try again'),
  ];
  const invalid = [answers.public ? undefined : VALIDATION, answers.invalid].filter(Boolean).join('; ');
  if (answers.body) {
    decorators.push(
      error(400, [invalid || VALIDATION, 'MALFORMED_JSON: the body is not JSON'].join('; ')),
      error(413, 'PAYLOAD_TOO_LARGE: the body is over 256 kB'),
    );
  } else if (invalid) {
    decorators.push(error(400, invalid));
  }
  if (!answers.public) {
    decorators.push(
      error(401, ['UNAUTHENTICATED: no valid access token', answers.unauthenticated].filter(Boolean).join('; ')),
      error(
        403,
        ['FORBIDDEN_ACTOR: the acting role is not held or may not do this', answers.forbidden].filter(Boolean).join('; '),
      ),
    );
  } else {
    decorators.push(PublicOperation);
    if (answers.unauthenticated) decorators.push(error(401, answers.unauthenticated));
    if (answers.forbidden) decorators.push(error(403, answers.forbidden));
  }
  if (answers.notFound) decorators.push(error(404, answers.notFound));
  if (answers.conflict) decorators.push(error(409, answers.conflict));
  if (answers.unprocessable) decorators.push(error(422, answers.unprocessable));
  if (answers.throttled) decorators.push(error(429, answers.throttled));
  if (answers.update) {
    decorators.push(
      error(202, 'REQUEST_IN_PROGRESS: the workflow did not answer in time; re-send with x-request-id = requestId'),
      ApiHeader({
        name: 'x-request-id',
        required: false,
        description: 'Client request id (8-128 characters of [A-Za-z0-9._:-]); a retry with the same id returns the first answer',
        schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
      }),
      ApiHeader({
        name: 'Prefer',
        required: false,
        description:
          'RFC 7240 `wait=<seconds>` (1-25; longer is capped): how long to wait for the workflow before answering 202 ' +
          'instead of the server default (UPDATE_WAIT_SECONDS, 10 s); e.g. `wait=25` on a re-send after a 202',
        schema: { type: 'string', example: 'wait=25' },
      }),
    );
  }
  return applyDecorators(...decorators);
}

/** Marks an operation that needs no token; completeDocument turns the mark into an empty security requirement. */
const PUBLIC_MARK = 'x-public';
const PublicOperation = ApiExtension(PUBLIC_MARK, true);

/**
 * Path parameters as the services check them (a value outside the pattern is refused or not found); one place for
 * every route that takes them.
 */
const PATH_PARAMETERS: Record<string, { pattern?: string; format?: string; description: string }> = {
  cycleId: { pattern: '^[A-Za-z0-9_.-]{1,200}$', description: 'cycle.<province>.<bloc>.<year>' },
  unitCode: { pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'A unit code' },
  provinceCode: { pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'A province code' },
  blocCode: { pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'A bloc or cluster code (khối / cụm)' },
  membershipId: { format: 'uuid', description: 'A bloc membership id' },
  chainId: { pattern: '^[A-Za-z0-9._:-]{1,200}$', description: 'An approval chain id' },
  userId: { format: 'uuid', description: 'A user id' },
  assignmentId: { format: 'uuid', description: 'A role assignment id' },
  grantId: { format: 'uuid', description: 'A pending role grant id' },
  previewToken: { format: 'uuid', description: 'The token of a workbook preview' },
  delegationId: { format: 'uuid', description: 'A delegation id' },
  conditionId: { format: 'uuid', description: 'A recorded condition id' },
  version: { pattern: '^[A-Za-z0-9._-]{1,64}$', description: 'A rule-set version' },
  kind: {
    pattern: '^[a-z-]{1,40}$',
    description:
      'A document kind: of a cycle (giao-uoc, bien-ban-hoi-nghi, bien-ban-kiem-phieu, to-trinh, bao-cao-thanh-tich, quyet-dinh) or of a round (to-trinh-de-nghi-khen-thuong, bien-ban-hop-hoi-dong, quyet-dinh-khen-thuong, to-trinh-co-thi-dua-chinh-phu)',
  },
  roundId: { pattern: '^round:[A-Za-z0-9_-]{1,32}:[0-9]{4}:[0-9]{1,3}$', description: 'round:<province>:<year>:<n>' },
  sessionId: { pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'A council session of the round (S1, S2, …)' },
  submissionId: { pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'An upward submission of the round (U1, …)' },
  id: { format: 'uuid', description: 'A council membership id' },
  year: { pattern: '^-?[0-9]{1,9}$', description: 'A year (an integer)' },
  sha256: { pattern: '^[0-9a-f]{64}$', description: "SHA-256 of a file's content (64 lowercase hex digits)" },
};

interface DocumentParameter {
  in: string;
  name: string;
  schema?: Record<string, unknown>;
  description?: string;
}

/**
 * What the decorators cannot say: public operations get an empty security requirement (the document's default is
 * the bearer token; Nest drops an empty one), and path parameters their patterns (Nest documents bare strings).
 */
export function completeDocument(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const op of [item.get, item.post, item.put, item.patch, item.delete]) {
      if (!op) continue;
      const marked = op as unknown as Record<string, unknown>;
      if (marked[PUBLIC_MARK]) {
        delete marked[PUBLIC_MARK];
        op.security = [];
      }
      for (const p of (op.parameters ?? []) as DocumentParameter[]) {
        const known = p.in === 'path' ? PATH_PARAMETERS[p.name] : undefined;
        if (!known) continue;
        const { description, ...schema } = known;
        p.schema = { type: 'string', ...p.schema, ...schema };
        p.description ??= description;
      }
    }
  }
}
