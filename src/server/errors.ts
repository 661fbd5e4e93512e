import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { MarsadError, RetryLaterError } from '../errors.js';

/** The one error format of the API. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

const FASTIFY_CODES: Record<number, string> = {
  400: 'invalid_input',
  401: 'auth_required',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'body_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

interface ZodIssueLike {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[] } };
}

const fieldOf = (issue: ZodIssueLike, context: string | undefined): string => {
  const path = issue.params?.issue?.path;
  const inner =
    path && path.length
      ? path.map(String).join('.')
      : (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const where = context === 'querystring' ? 'query' : (context ?? 'body');
  return inner ? `${where}.${inner}` : where;
};

/** Maps every error (ours, validation, Fastify's own) to `{error: {code, message, details?}}`. */
export const toErrorResponse = (err: unknown): { status: number; body: ErrorBody } => {
  if (err instanceof MarsadError) {
    return {
      status: err.status,
      body: {
        error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) },
      },
    };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = (err.validation as ZodIssueLike[]).map((i) => ({
      field: fieldOf(i, err.validationContext),
      message: i.message ?? 'invalid',
    }));
    const first = issues[0];
    return {
      status: 400,
      body: {
        error: {
          code: 'invalid_input',
          message: first ? `${first.field}: ${first.message}` : 'invalid input',
          details: { field: first?.field, issues },
        },
      },
    };
  }
  const fe = err as Partial<FastifyError>;
  const status =
    typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status < 500) {
    return {
      status,
      body: { error: { code: FASTIFY_CODES[status] ?? 'bad_request', message: fe.message ?? 'bad request' } },
    };
  }
  return { status: 500, body: { error: { code: 'internal_error', message: 'internal error' } } };
};

export const errorHandler = (err: unknown, req: FastifyRequest, reply: FastifyReply): void => {
  const { status, body } = toErrorResponse(err);
  // Backpressure is expected under load: the client is told when to retry, nothing is logged as failed.
  if (err instanceof RetryLaterError) void reply.header('retry-after', String(err.retryAfterSeconds));
  else if (status >= 500) req.log.error({ err }, 'request failed');
  void reply.code(status).send(body);
};
