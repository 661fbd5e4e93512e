import { parseEvent, type CanonicalEvent } from '../events/index.js';
import { fastParseEvent } from './canonical-fast.js';

/** parseEvent, through the fast path for the common plain shapes (same result, see canonical-fast.ts). */
export const validateEvent = (value: unknown): CanonicalEvent => fastParseEvent(value) ?? parseEvent(value);
