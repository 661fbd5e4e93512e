import { EventValidationError } from '../events/index.js';
import { RecordError } from './errors.js';

export const firstLine = (message: string): string => message.split('\n', 1)[0] ?? message;

/** The field and reason of an error thrown while mapping a record. */
export const describeError = (err: unknown): { field: string; reason: string } => {
  if (err instanceof EventValidationError || err instanceof RecordError)
    return { field: err.field, reason: err.reason };
  return { field: '', reason: err instanceof Error ? firstLine(err.message) : String(err) };
};
