/** A field the API named in its error, and what it said about it. */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/** The service's error body (every 4xx and 5xx): `{ statusCode, error, code, message, ...details }`. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  /** 400: each field, its value and the problems. */
  errors?: { field: string; value?: unknown; problems: string[] }[];
  /** A rule about one field (422 MONTH_NOT_OVER, …). */
  field?: string;
  /** 422 MILESTONE_ORDER: the two fields out of order. */
  earlier?: { field: string };
  later?: { field: string };
  /** 429: seconds to wait. */
  retryAfterSeconds?: number;
  [detail: string]: unknown;
}

/** A request the service refused or could not answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }

  get code(): string {
    return this.body.code;
  }
}

/** openapi-fetch's result: `data` on success, `error` (the parsed body) otherwise. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful response; an ApiError (with the service's body, or one made from the status) otherwise. */
export function dataOf<T>(result: FetchResult<T>): T {
  if (result.response.ok) return result.data as T;
  throw new ApiError(result.response.status, errorBodyOf(result.response, result.error));
}

function errorBodyOf(response: Response, error: unknown): ErrorBody {
  if (typeof error === 'object' && error !== null && typeof (error as ErrorBody).message === 'string') return error as ErrorBody;
  const message = typeof error === 'string' && error.trim() && error.length < 300 ? error.trim() : `The service answered ${response.status} ${response.statusText}`.trim();
  return { statusCode: response.status, error: response.statusText, code: `HTTP_${response.status}`, message };
}

/**
 * Where a refused request's problems go in a form: the one place API errors map to fields. `fields` has a
 * message per field the form shows (400 field lists, a 422 naming a field, MILESTONE_ORDER's two fields);
 * `form` the message for the form as a whole (anything else, or a field the form does not have). An error
 * about the request as a whole can be put beside a field by its code (`fieldOfCode`).
 */
export function formErrorsOf(
  error: unknown,
  formFields: readonly string[],
  /** Error codes that name no field but belong beside one of the form's (e.g. REPORT_IN_PROGRESS → month). */
  fieldOfCode: Readonly<Record<string, string>> = {},
): { fields: Record<string, string>; form?: string } {
  if (!(error instanceof ApiError)) {
    return { fields: {}, form: error instanceof Error ? `The service could not be reached: ${error.message}` : 'Something went wrong' };
  }
  const named: FieldProblem[] = [];
  const { body } = error;
  for (const problem of body.errors ?? []) named.push({ field: problem.field, problems: [withValue(problem.problems.join('; '), problem.value)] });
  if (typeof body.field === 'string' && !body.errors) named.push({ field: body.field, problems: [body.message] });
  if (fieldOfCode[body.code] && named.length === 0) named.push({ field: fieldOfCode[body.code], problems: [body.message] });
  if (body.earlier && body.later) {
    named.push({ field: body.later.field, problems: [body.message] }, { field: body.earlier.field, problems: [body.message] });
  }
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const { field, problems } of named) {
    if (formFields.includes(field)) fields[field] = fields[field] ?? problems.join('; ');
    else rest.push(`${field}: ${problems.join('; ')}`);
  }
  const form = Object.keys(fields).length === 0 ? body.message : rest.length > 0 ? rest.join(' | ') : undefined;
  return { fields, form };
}

/** A field's problem and the value it was about, as the user typed it (never a password: the API sends those as "***"). */
function withValue(problem: string, value: unknown): string {
  return typeof value === 'string' && value !== '' && value !== '***' ? `${problem} (you entered "${value}")` : problem;
}
