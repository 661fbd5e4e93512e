// URL normalisation for co-link evidence: the same link shared with different tracking decorations
// is one trace. No network: a short link is expanded only when the event carries its expansion.

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'igshid',
  'igsh',
  'si',
  'ref',
  'ref_src',
  'ref_url',
  's',
  't',
  'mc_cid',
  'mc_eid',
  'yclid',
  'twclid',
  'ttclid',
  'feature',
  'src',
  'cmpid',
  'spm',
  '_ga',
  'trk',
]);

/** Known link shorteners: their links are only as good as their expansion. */
export const SHORTENERS = new Set([
  't.co',
  'bit.ly',
  'tinyurl.com',
  'goo.gl',
  'ow.ly',
  'buff.ly',
  'is.gd',
  'rebrand.ly',
  'cutt.ly',
  'shorturl.at',
  't.ly',
  'tiny.cc',
  'lnkd.in',
  'fb.me',
  'youtu.be',
  'rb.gy',
]);

/**
 * The grouping key of a URL: lowercase scheme-less host without `www.`/`m.`, path without a trailing
 * slash, query without tracking parameters (utm_*, fbclid, igshid, si, …) and sorted, no fragment.
 * `youtu.be/ID` becomes `youtube.com/watch?v=ID`. Returns undefined for something that is not a URL.
 * `expansions` maps a short link to its expansion when the event carries it.
 */
export const normalizeUrl = (raw: string, expansions?: ReadonlyMap<string, string>): string | undefined => {
  const expanded = expansions?.get(raw) ?? raw;
  // "mailto:", "tel:", "javascript:" … are not links to a page.
  if (/^[a-z][a-z0-9+.-]*:(?!\/\/)/i.test(expanded) && !/^[^:]+:\d/.test(expanded)) return undefined;
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(expanded) ? expanded : `https://${expanded}`);
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '') return undefined;
  let host = u.hostname.toLowerCase().replace(/\.$/, '');
  host = host.replace(/^(www\d*|m|mobile)\./, '');
  let path = u.pathname.replace(/\/+$/, '');
  const params: Array<[string, string]> = [];
  for (const [k, v] of u.searchParams) {
    const key = k.toLowerCase();
    if (key.startsWith('utm_') || TRACKING_PARAMS.has(key)) continue;
    params.push([k, v]);
  }
  if (host === 'youtu.be' && path.length > 1) {
    params.push(['v', path.slice(1)]);
    host = 'youtube.com';
    path = '/watch';
  }
  params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const query = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return `${host}${path}${query ? `?${query}` : ''}`;
};
