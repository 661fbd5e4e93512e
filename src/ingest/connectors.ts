import { blueskyConnector } from './bluesky.js';
import { canonicalConnector } from './canonical.js';
import { csvConnector } from './csv.js';
import { FormatDetectionError } from './errors.js';
import { telegramConnector } from './telegram.js';
import { twitterConnector } from './twitter.js';
import { FORMATS, type Connector, type FormatName } from './types.js';

const CONNECTORS: Partial<Record<FormatName, Connector>> = {
  canonical: canonicalConnector,
  twitter: twitterConnector,
  telegram: telegramConnector,
  bluesky: blueskyConnector,
  csv: csvConnector,
};

/** Connectors that are implemented, in the order of FORMATS. */
export const listConnectors = (): Connector[] =>
  FORMATS.flatMap((f) => (CONNECTORS[f] ? [CONNECTORS[f]] : []));

export const isFormatName = (value: string): value is FormatName =>
  (FORMATS as readonly string[]).includes(value);

export const getConnector = (format: string): Connector => {
  const connector = isFormatName(format) ? CONNECTORS[format] : undefined;
  if (!connector) {
    const known = listConnectors().map((c) => c.format);
    throw new FormatDetectionError(`unknown format "${format}" (expected one of ${known.join(', ')})`, {
      format,
    });
  }
  return connector;
};

/** Minimum sniff score for a format to be chosen without `--format`. */
const SURE = 0.5;

/**
 * Tells the format of an input from its first 64 KiB (decoded) and its name. Throws a
 * FormatDetectionError suggesting `--format` when no connector is confident or two are equally so.
 */
export const detectFormat = (head: string, name: string): FormatName => {
  const text = head.replace(/^\uFEFF/, '');
  const scored = listConnectors()
    .map((c) => ({ format: c.format, score: c.sniff(text, name) }))
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  const formats = FORMATS.join(', ');
  if (!best || best.score < SURE) {
    const what = text.trim() === '' ? 'it is empty' : 'it does not look like any known format';
    throw new FormatDetectionError(
      `cannot tell the format of ${name}: ${what}; choose one with --format (${formats})`,
      {
        file: name,
      },
    );
  }
  if (second && second.score === best.score) {
    throw new FormatDetectionError(
      `cannot tell the format of ${name}: it could be ${best.format} or ${second.format}; choose one with --format (${formats})`,
      { file: name },
    );
  }
  return best.format;
};
