export * from './schema.js';
export type * from './types.js';
export { parseEvent, withEntities, EventValidationError } from './parse.js';
export { extractHashtags, extractMentions, extractUrls } from './entities.js';
export { eventKey, eventAccountId } from './keys.js';
