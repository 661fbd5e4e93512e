import { ValidationError } from '../errors.js';

/** A record of a source format that cannot become a canonical event; `field` names the source field. */
export class RecordError extends ValidationError {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(field ? `${field}: ${reason}` : reason, { field, reason });
  }
}

/** The format of an input could not be told from its beginning and name. */
export class FormatDetectionError extends ValidationError {}

/** An input could not be opened or read as a whole (not one bad record). */
export class InputError extends ValidationError {}
