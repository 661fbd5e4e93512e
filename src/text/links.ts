// URLs, bare links and handles for the typed-token rule (rule 13).

import { CLASS, C_SPACE, HOMOGLYPH } from './tables.js';

// URL terminators: whitespace (checked by class), quotes and angle brackets, our token brackets.
const isUrlStop = (c: number): boolean =>
  CLASS[c] === C_SPACE || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x27e8 || c === 0x27e9;
const URL_TRAIL = new Set('.,;:!?)]}»،؛؟…\'"'.split('').map((ch) => ch.charCodeAt(0)));

const lowerAscii = (c: number): number => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
export const startsWithCI = (s: string, i: number, word: string): boolean => {
  if (i + word.length > s.length) return false;
  for (let p = 0; p < word.length; p++)
    if (lowerAscii(s.charCodeAt(i + p)) !== word.charCodeAt(p)) return false;
  return true;
};

// Bare links without a scheme are recognised only for short-link and channel TLDs seen in propaganda
// sharing (t.me/x, bit.ly/x, archive.org/x); other "word.word" stays text.
const BARE_TLDS = new Set([
  'com',
  'net',
  'org',
  'me',
  'ly',
  'co',
  'io',
  'gl',
  'gd',
  'to',
  'ws',
  'cc',
  'info',
  'tv',
  'link',
]);
const isHostChar = (c: number): boolean => isHandleChar(c) || c === 0x2d;

/** A URL starting at s[i] (with a scheme, www., or a bare host with a BARE_TLDS suffix). */
export function urlAt(s: string, i: number): { end: number; hostStart: number } | undefined {
  let hostStart: number;
  if (startsWithCI(s, i, 'https://')) hostStart = i + 8;
  else if (startsWithCI(s, i, 'http://')) hostStart = i + 7;
  else if (startsWithCI(s, i, 'www.')) hostStart = i;
  else if ((i === 0 || s.charCodeAt(i - 1) !== 0x40) && bareHostEnd(s, i) > 0)
    hostStart = i; // not e-mail
  else return undefined;
  let end = hostStart;
  while (end < s.length && !isUrlStop(s.charCodeAt(end))) end++;
  while (end > hostStart && URL_TRAIL.has(s.charCodeAt(end - 1))) {
    // Keep a closing parenthesis that belongs to the URL (wikipedia-style links).
    if (s.charCodeAt(end - 1) === 0x29 && s.lastIndexOf('(', end) >= hostStart) break;
    end--;
  }
  return { end, hostStart };
}

/** End of "host.tld" at s[i] when it is followed by '/', whitespace or the end; -1 otherwise. */
function bareHostEnd(s: string, i: number): number {
  let j = i;
  let lastDot = -1;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 0x2e && j > i && j + 1 < s.length && isHostChar(s.charCodeAt(j + 1))) lastDot = j;
    else if (!isHostChar(c)) break;
    j++;
  }
  if (lastDot < 0) return -1;
  if (j < s.length && s.charCodeAt(j) !== 0x2f && CLASS[s.charCodeAt(j)] !== C_SPACE) return -1;
  return BARE_TLDS.has(s.slice(lastDot + 1, j).toLowerCase()) ? j : -1;
}

/** The domain of s[hostStart, end): lowercase, no userinfo, port or leading "www.". */
export function urlDomain(s: string, hostStart: number, end: number): string {
  let h = hostStart;
  while (h < end) {
    const c = s.charCodeAt(h);
    if (c === 0x2f || c === 0x3f || c === 0x23) break;
    h++;
  }
  let host = '';
  // Look-alike letters in a domain are folded (t.mе with a Cyrillic е is t.me).
  for (let p = hostStart; p < h; p++) {
    const c = s.charCodeAt(p);
    host += String.fromCharCode(HOMOGLYPH[c] !== 0 ? HOMOGLYPH[c]! : c);
  }
  host = host.toLowerCase();
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  const colon = host.indexOf(':');
  if (colon >= 0) host = host.slice(0, colon);
  if (host.startsWith('www.')) host = host.slice(4);
  return host.replace(/\.+$/u, '');
}

export const isHandleChar = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

export const TYPED_TOKEN = /^⟨[a-z]+(?::[^\s⟨⟩]+)?⟩$/u;
