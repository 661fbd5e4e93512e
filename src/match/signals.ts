// Signal types of bank entries, their value formats, and their names in HMA / ThreatExchange.
import type { SignalType } from './tables.js';
import { PDQ_HEX_LENGTH } from './pdq-hex.js';
import { TEXT_HASH_HEX_LENGTH } from './text-hash.js';

export const SIGNAL_TYPES: readonly SignalType[] = ['pdq', 'text', 'md5', 'video_md5', 'sha256'];

const HEX_LENGTH: Record<SignalType, number> = {
  pdq: PDQ_HEX_LENGTH,
  text: TEXT_HASH_HEX_LENGTH,
  md5: 32,
  video_md5: 32,
  sha256: 64,
};

const WHAT: Record<SignalType, string> = {
  pdq: 'a PDQ hash',
  text: 'a text MinHash',
  md5: 'an MD5',
  video_md5: 'a video MD5',
  sha256: 'a SHA-256',
};

/** Our signal type → the name written in HMA-style exports (python-threatexchange names). */
export const HMA_NAME: Record<SignalType, string> = {
  pdq: 'pdq',
  text: 'text_minhash',
  md5: 'photo_md5',
  video_md5: 'video_md5',
  sha256: 'sha256',
};

// Names accepted on import (HMA / ThreatExchange spellings and ours), lowercased.
const ALIASES: Record<string, SignalType> = {
  pdq: 'pdq',
  photo_pdq: 'pdq',
  hash_pdq: 'pdq',
  text: 'text',
  text_minhash: 'text',
  md5: 'md5',
  photo_md5: 'md5',
  hash_md5: 'md5',
  video_md5: 'video_md5',
  sha256: 'sha256',
  hash_sha256: 'sha256',
};

export const parseSignalType = (name: string): SignalType | null =>
  ALIASES[name.trim().toLowerCase()] ?? null;

export const knownSignalNames = (): string => Object.keys(ALIASES).join(', ');

/** Why `value` is not a valid value of `signal`, or null. */
export const signalValueProblem = (signal: SignalType, value: string): string | null => {
  const len = HEX_LENGTH[signal];
  if (value.length !== len) return `${WHAT[signal]} has ${len} hex characters, got ${value.length}`;
  if (!/^[0-9a-fA-F]+$/.test(value)) return `${WHAT[signal]} has only hex characters 0-9a-f`;
  return null;
};

/** The signal a bare hash most likely is, from its length (64 hex → PDQ, not SHA-256). */
export const guessSignal = (value: string): SignalType | null => {
  switch (value.length) {
    case PDQ_HEX_LENGTH:
      return 'pdq';
    case TEXT_HASH_HEX_LENGTH:
      return 'text';
    case 32:
      return 'md5';
    default:
      return null;
  }
};
