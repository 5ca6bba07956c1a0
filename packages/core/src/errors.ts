/**
 * The one error type of the platform. Each code is stable and documented;
 * the edge maps it to an HTTP status and an RFC 9457 problem document.
 */
export const errorCatalogue = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  invalid_credentials: { status: 401, title: 'Login or password is wrong' },
  invalid_token: { status: 401, title: 'The token is invalid or expired' },
  forbidden: { status: 403, title: 'You may not do this' },
  not_found: { status: 404, title: 'No such record' },
  conflict: { status: 409, title: 'The record conflicts with another' },
  illegal_transition: { status: 409, title: 'That step is not allowed now' },
  event_not_replayable: { status: 409, title: 'Only a dead or unsent event can be replayed' },
  idempotency_in_progress: { status: 409, title: 'A request with this Idempotency-Key is still running' },
  precondition_failed: { status: 412, title: 'The record has changed since you read it' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'The content type is not supported' },
  idempotency_key_reused: { status: 422, title: 'This Idempotency-Key was used with a different request' },
  import_rejected: { status: 422, title: 'The file has bad rows; nothing was imported' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Something went wrong on our side' },
  tenant_move_failed: { status: 500, title: 'The tenant could not be moved; it stays where it was' },
  tenant_moving: { status: 503, title: 'The tenant is moving to another database' },
} as const;
export type ErrorCode = keyof typeof errorCatalogue;

export interface FieldIssue {
  path: string;
  message: string;
  code?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail?: string;
  readonly issues?: FieldIssue[];
  readonly extra?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    detail?: string,
    options: { issues?: FieldIssue[]; extra?: Record<string, unknown> } = {},
  ) {
    super(detail ?? errorCatalogue[code].title);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.issues = options.issues;
    this.extra = options.extra;
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

/** A 400 naming the one field at fault (`projectId`, `winners.0.nominationId`). */
export const fieldError = (path: string, message: string) =>
  new AppError('validation_failed', message, { issues: [{ path, message }] });
