import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../review/index.js';
import type { Access } from './auth.js';
import type { ServerDeps } from './deps.js';

export interface RouteSchemas {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteInput<S extends RouteSchemas> {
  params: Out<S['params']>;
  query: Out<S['querystring']>;
  body: Out<S['body']>;
  /** The caller's key; undefined only on public routes. */
  actor: Actor | undefined;
  req: FastifyRequest;
  reply: FastifyReply;
}

/** Which rate limit applies: `write` (every write route) or `public` (reports, appeals). */
export type Limit = 'write' | 'public';

export interface RouteDef<S extends RouteSchemas = RouteSchemas> {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  /** The minimum role, or `public`: the role matrix test walks these. */
  access: Access;
  summary: string;
  tag: string;
  limit?: Limit;
  /** Accept the raw body (NDJSON, CSV, …) instead of JSON. */
  rawBody?: boolean;
  status?: number;
  schema: S;
  handler: (input: RouteInput<S>, deps: ServerDeps) => Promise<unknown>;
}

/** Keeps the handler's input typed by the route's schemas, and erases the types for the table. */
export const defineRoute = <S extends RouteSchemas>(def: RouteDef<S>): RouteDef => def as unknown as RouteDef;
