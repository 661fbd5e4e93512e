import { ValidationError } from '../errors.js';

/** Opaque page cursors: base64url JSON of the sort key of the last row returned. */
export const encodeCursor = (key: unknown[]): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

export const decodeCursor = (cursor: string, shape: Array<'number' | 'string'>): unknown[] => {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError('cursor is not one this API returned', { field: 'cursor' });
  }
  if (!Array.isArray(value) || value.length !== shape.length || value.some((v, i) => typeof v !== shape[i])) {
    throw new ValidationError('cursor is not one this API returned', { field: 'cursor' });
  }
  return value;
};
