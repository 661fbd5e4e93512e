// Hashtags, mentions and URLs taken from post text when a connector did not supply them.
// Arabic hashtags use letters, combining marks (harakat), digits of any script, "_" and ZWNJ.

const HASHTAG =
  /(?:^|[^\p{L}\p{M}\p{N}_&/])[#＃]([\p{L}\p{M}\p{N}_\u200c\u200d]*[\p{L}\p{M}][\p{L}\p{M}\p{N}_\u200c\u200d]*)/gu;
// Twitter-style handles, Telegram usernames and Bluesky domain handles (alice.bsky.social).
const MENTION = /(?:^|[^\p{L}\p{N}_.@/])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9_])?)/gu;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'\u200f\u200e]+/giu;
// Punctuation that ends a sentence rather than a URL (Latin and Arabic).
const URL_TRAIL = /[.,;:!?)\]}»،؛؟…'"”’]+$/u;

const unique = (items: Iterable<string>): string[] => [...new Set(items)];

/** Index of the first hash sign, or -1. */
const firstSign = (text: string): number => {
  const a = text.indexOf('#');
  const b = text.indexOf('＃');
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
};

export const extractHashtags = (text: string): string[] => {
  // The regex is tried at every position: start one character before the first sign, since no
  // match can begin earlier (same matches; ~3× faster on posts whose hashtags come at the end).
  const first = firstSign(text);
  if (first < 0) return [];
  const out: string[] = [];
  for (const m of (first > 0 ? text.slice(first - 1) : text).matchAll(HASHTAG)) {
    const tag = m[1]?.replace(/[_\u200c\u200d]+$/u, '');
    if (tag) out.push(tag);
  }
  return unique(out);
};

export const extractMentions = (text: string): string[] => {
  const out: string[] = [];
  for (const m of text.matchAll(MENTION)) {
    const handle = m[1]?.replace(/[.-]+$/u, '');
    if (handle) out.push(handle);
  }
  return unique(out);
};

export const extractUrls = (text: string): string[] => {
  const out: string[] = [];
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0].replace(URL_TRAIL, '');
    // Keep a closing parenthesis that belongs to the URL (wikipedia-style links).
    if (m[0].length > url.length && m[0][url.length] === ')' && url.includes('(')) url += ')';
    if (url.length > 8) out.push(url);
  }
  return unique(out);
};
