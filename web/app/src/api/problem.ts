/** RFC 9457 problem details as the API sends them (API.md "Conventions"). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** A request the API answered with an error status. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  /** Field name → message, from problem.errors (first message per field wins). */
  readonly fieldErrors: Record<string, string>;
  /** Seconds, from Retry-After on a 429 (throttled) or a 503 (busy). */
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem | null, retryAfter: number | null = null) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
    const fields: Record<string, string> = {};
    for (const e of problem?.errors ?? []) {
      const key = normaliseField(e.field);
      if (key && !(key in fields)) fields[key] = e.message;
    }
    this.fieldErrors = fields;
  }

  /** The message for the top of a form: the problem's detail, or a plain fallback by status. */
  get summary(): string {
    if (this.status === 429) {
      return this.retryAfter
        ? `Too many attempts. Try again in ${Math.ceil(this.retryAfter / 60)} minute(s).`
        : 'Too many attempts. Try again later.';
    }
    return this.problem?.detail || this.problem?.title || `Something went wrong (${this.status}).`;
  }
}

/** The API cannot be reached (network down, gateway or service unavailable). */
export class UnreachableError extends Error {
  constructor() {
    super('The server cannot be reached.');
    this.name = 'UnreachableError';
  }
}

/** The session is over (refresh refused): the user must sign in again. */
export class SessionEndedError extends Error {
  constructor() {
    super('Your session has ended. Please sign in again.');
    this.name = 'SessionEndedError';
  }
}

/**
 * Validation errors may name a field as "email", "body.email" or "signup.arg0.email" depending on
 * the service; a form only knows its own field names, so keep the last path segment.
 */
function normaliseField(field: string | undefined): string {
  if (!field) return '';
  const parts = field.split('.');
  return parts[parts.length - 1];
}
