// Error classes of Marsad. Each carries the HTTP status it maps to; the server turns them into
// responses in one place (src/server), the CLI into messages and exit codes.

export class MarsadError extends Error {
  readonly status: number = 500;
  readonly code: string = 'internal_error';
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that does not follow a schema or format; `details` names the field/line when known. */
export class ValidationError extends MarsadError {
  override readonly status = 400;
  override readonly code = 'invalid_input';
}

export class ConfigError extends MarsadError {
  override readonly status = 500;
  override readonly code = 'invalid_config';
}

export class NotFoundError extends MarsadError {
  override readonly status = 404;
  override readonly code = 'not_found';
}

export class ConflictError extends MarsadError {
  override readonly status = 409;
  override readonly code = 'conflict';
}

export class AuthRequiredError extends MarsadError {
  override readonly status = 401;
  override readonly code = 'auth_required';
}

export class ForbiddenError extends MarsadError {
  override readonly status = 403;
  override readonly code = 'forbidden';
}

export class RateLimitedError extends MarsadError {
  override readonly status = 429;
  override readonly code = 'rate_limited';
}

export class UnavailableError extends MarsadError {
  override readonly status = 503;
  override readonly code = 'unavailable';
}

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** A request refused whole that may be sent again after `retryAfterSeconds` (the API sends Retry-After). */
export class RetryLaterError extends MarsadError {
  override readonly status: number = 503;
  override readonly code: string = 'retry_later';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}

/**
 * The live pipeline's queue is full: the request was refused whole (nothing of it stored) and may be
 * sent again after `retryAfterSeconds` (the API sends it as Retry-After).
 */
export class QueueFullError extends RetryLaterError {
  override readonly status = 503;
  override readonly code = 'queue_full';
}

/**
 * Distributed mode: the workers are behind (the backlog passed its bound). The request was refused
 * whole, nothing of it stored or published; send it again after `retryAfterSeconds`.
 */
export class BacklogFullError extends RetryLaterError {
  override readonly status = 429;
  override readonly code = 'backlog_full';
}

/**
 * Distributed mode: the event bus (NATS JetStream) is unreachable or did not acknowledge. Events
 * may have been stored but are not all queued for the detectors: send the request again (a
 * re-published event is dropped by JetStream as a duplicate).
 */
export class BusUnavailableError extends RetryLaterError {
  override readonly status = 503;
  override readonly code = 'bus_unavailable';
}
