import { pino, type Logger } from 'pino';

export type { Logger };

// All loggers come from here. Secrets (API keys, tokens, webhook secrets, passwords in URLs) are redacted.
const REDACT = [
  'apiKey',
  'token',
  'secret',
  'password',
  'authorization',
  '*.apiKey',
  '*.token',
  '*.secret',
  '*.password',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
];

export const createLogger = (level: string, name = 'marsad'): Logger =>
  pino(
    {
      name,
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      // Logs go to stderr so that commands can write data to stdout.
    },
    pino.destination(2),
  );

/** A logger that writes nothing: for tests and library callers who bring none. */
export const silentLogger = (): Logger => pino({ level: 'silent' });

/** Hides the password of a database URL before it is logged or printed. */
export const redactUrl = (url: string): string => url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
