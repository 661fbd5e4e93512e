export type * from './types.js';
export { FORMATS } from './types.js';
export { getConnector, detectFormat, listConnectors, isFormatName } from './connectors.js';
export { openConnectorInput, HEAD_BYTES, type OpenInputOptions, type OpenedInput } from './input.js';
export {
  readLines,
  DEFAULT_MAX_LINE_BYTES,
  TRUNCATED_REASON,
  type RawLine,
  type LineReaderOptions,
} from './line-reader.js';
export { RecordError, FormatDetectionError, InputError } from './errors.js';
export {
  parseCsvMapping,
  guessCsvMapping,
  describeCsvMapping,
  parseCsvTime,
  CSV_FIELDS,
} from './csv-mapping.js';
export { validateEvent } from './validate.js';
