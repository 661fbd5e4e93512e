export { buildServer, DEFAULT_LIMITS, type ServerOptions, type RateLimitSetting } from './app.js';
export { ROUTES } from './routes.js';
export type { RouteDef, Limit } from './route.js';
export type { Access } from './auth.js';
export { toErrorResponse, type ErrorBody } from './errors.js';
