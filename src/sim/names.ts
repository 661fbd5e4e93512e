import type { Rng } from './rng.js';
import * as B from './texts-builtin.js';

// Names and handles of simulated accounts, and the variants re-created accounts use.

const NISBAS_LATIN = [
  'aljanoubi',
  'almuhajir',
  'alshami',
  'alansari',
  'algharib',
  'altamimi',
  'alhadrami',
  'aliraqi',
  'almasri',
  'allibi',
  'alnajdi',
  'alkurdi',
];
const AR_INDIC = '٠١٢٣٤٥٦٧٨٩';
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const DECORATIONS: ReadonlyArray<readonly [string, string]> = [
  ['⚔️ ', ''],
  ['', ' 🏴'],
  ['『', '』'],
  ['《', '》'],
  ['', ' ⚔'],
  ['ـ', 'ـ'],
];

export interface Identity {
  handle: string;
  name: string;
}

/** Keeps handles unique: a taken handle gets digits appended. */
export class HandleRegistry {
  private readonly taken = new Set<string>();

  claim(handle: string, rng: Rng): string {
    let h = handle.slice(0, 30);
    while (this.taken.has(h.toLowerCase())) h = `${handle.slice(0, 26)}${rng.range(1, 9999)}`;
    this.taken.add(h.toLowerCase());
    return h;
  }
}

const digits = (rng: Rng): string =>
  rng.pick([String(rng.range(1, 99)), String(rng.range(1970, 2008)), String(rng.range(100, 999)), '']);

export const organicIdentity = (rng: Rng, english: boolean): Identity => {
  const i = rng.int(B.FIRST_NAMES_LATIN.length);
  if (english) {
    const first = rng.pick(B.FIRST_NAMES_EN);
    const last = rng.pick(B.LAST_NAMES_EN);
    return {
      name: `${first} ${last}`,
      handle: `${first.toLowerCase()}${rng.pick(['_', '', '.'])}${last.toLowerCase()}${digits(rng)}`.replace(
        '.',
        '_',
      ),
    };
  }
  const first = B.FIRST_NAMES_AR[i] ?? 'محمد';
  const latin = B.FIRST_NAMES_LATIN[i] ?? 'mohammed';
  const family = rng.pick(B.FAMILY_NAMES_AR);
  return {
    name: `${first} ${family}`,
    handle: `${latin}${rng.pick(['_', ''])}${digits(rng) || String(rng.range(1, 99))}`,
  };
};

/** A common kunya-style name ("أبو محمد", "Abu Ahmed") with a digit handle: a hard negative. */
export const kunyaIdentity = (rng: Rng): Identity => {
  const english = rng.chance(0.25);
  let name = english ? rng.pick(B.COMMON_KUNYAS_EN) : rng.pick(B.COMMON_KUNYAS_AR);
  // Ordinary users add a nisba too ("أبو محمد الشامي"), which makes them look more like the army.
  if (!english && rng.chance(0.3)) name = `${name} ${rng.pick(B.NISBAS_AR)}`;
  const handle = `${rng.pick(B.COMMON_KUNYA_HANDLES)}${rng.pick(['', '_'])}${String(rng.chance(0.5) ? rng.range(1970, 2008) : rng.range(1, 999))}`;
  return { name, handle };
};

/** An army member's name: a kunya with a nisba ("أبو اليمان الجنوبي"). */
export const armyIdentity = (rng: Rng): Identity => {
  const kunya = rng.pick(B.ARMY_KUNYAS);
  const n = rng.int(B.NISBAS_AR.length);
  const latin = B.ARMY_KUNYA_LATIN[kunya] ?? 'abu_x';
  const nisbaLatin = NISBAS_LATIN[n] ?? 'alghareeb';
  const handle = rng.chance(0.5)
    ? `${latin}_${nisbaLatin}`
    : `${latin}${rng.pick(['', '_'])}${rng.range(1, 99)}`;
  return { name: `${kunya} ${B.NISBAS_AR[n] ?? ''}`.trim(), handle };
};

export const newsIdentity = (i: number): Identity => {
  const outlets = [
    ['أخبار المنطقة', 'region_news'],
    ['مرصد الإعلام الرقمي', 'digital_observatory'],
    ['Regional Desk', 'regional_desk'],
    ['باحث في الجماعات', 'jihadism_research'],
    ['عاجل الشرق', 'east_breaking'],
    ['Extremism Watch', 'extremism_watch'],
  ] as const;
  const o = outlets[i % outlets.length] ?? outlets[0];
  const suffix = i >= outlets.length ? String(Math.floor(i / outlets.length) + 1) : '';
  return { name: `${o[0]}${suffix ? ` ${suffix}` : ''}`, handle: `${o[1]}${suffix}` };
};

const toScript = (n: number, script: string): string =>
  String(n)
    .split('')
    .map((d) => script[Number(d)] ?? d)
    .join('');

/** An "easy" re-creation: a close variant of the predecessor's handle and name. */
export const easyVariant = (prev: Identity, rng: Rng): Identity => {
  let handle: string;
  const m = /^(.*?)(\d+)$/.exec(prev.handle);
  const op = rng.int(4);
  if (m && op < 2) handle = `${m[1] ?? ''}${Number(m[2]) + 1}`;
  else if (op === 0 || op === 1) handle = `${prev.handle}${rng.range(2, 9)}`;
  else if (op === 2) handle = prev.handle.includes('_') ? prev.handle.replace('_', '__') : `${prev.handle}_`;
  else
    handle = prev.handle.replace(/([a-z])\1?$/u, '$1$1') + (rng.chance(0.5) ? '_' : String(rng.range(2, 9)));
  let name = prev.name.replace(/\s*[0-9٠-٩۰-۹]+$/u, '');
  const n = rng.range(2, 9);
  const nameOp = rng.int(3);
  if (nameOp === 0) name = `${name} ${toScript(n, AR_INDIC)}`;
  else if (nameOp === 1) name = `${name} ${toScript(n, PERSIAN)}`;
  else {
    const [pre, post] = rng.pick(DECORATIONS);
    name = `${pre}${name}${post}`;
  }
  return { handle, name };
};
