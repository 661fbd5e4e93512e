// Registry scale benchmark: 1,000,000 synthetic suspended accounts (kunya-style Arabic names and
// Latin handles, avatars, community follows), candidate lookup latency p50/p99, memory (RSS delta),
// and recall against a brute-force scan on a subsample (the baseline, timed side by side).
//   node --expose-gc --import tsx bench/evasion-registry.ts [N]
import { diceSorted, profileFingerprint, sortedHashes } from '../src/accounts/fingerprint.js';
import { hashString, mix32 } from '../src/accounts/hash.js';
import { pdqDistance } from '../src/accounts/pdq.js';
import { SuspendedRegistry, type RegistryEntry } from '../src/accounts/registry.js';

const N = Number(process.argv[2] ?? 1_000_000);
const QUERIES = 10_000;
const BRUTE = Number(process.env.BRUTE ?? 200);
let seed = 12345;
const rnd = (): number => {
  seed = mix32(seed + 0x6d2b79f5);
  return seed / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

// Synthetic name parts (placeholders, not real people).
const GIVEN = [
  'محمد',
  'احمد',
  'عمر',
  'علي',
  'خالد',
  'يوسف',
  'حمزه',
  'اليمان',
  'البراء',
  'القعقاع',
  'دجانه',
  'الوليد',
  'عبيده',
  'الزبير',
  'طلحه',
  'سعد',
  'معاذ',
  'انس',
  'بلال',
  'صهيب',
];
const RARE = Array.from({ length: 4000 }, (_, i) => `اسم${i.toString(36)}`);
const NISBA = [
  'الشامي',
  'المصري',
  'العراقي',
  'الجنوبي',
  'المهاجر',
  'التميمي',
  'الكردي',
  'الليبي',
  'التونسي',
  'اليمني',
];
const LATIN = ['abu', 'umm', 'ibn', 'al', 'the', 'real', 'new', 'x'];
const hex64 = (): string =>
  Array.from({ length: 8 }, () =>
    Math.floor(rnd() * 2 ** 32)
      .toString(16)
      .padStart(8, '0'),
  ).join('');
const flip = (hex: string, k: number): string => {
  const n = hex.split('').map((c) => Number.parseInt(c, 16));
  for (let i = 0; i < k; i++) {
    const j = Math.floor(rnd() * 64);
    n[j] = (n[j] as number) ^ (1 << Math.floor(rnd() * 4));
  }
  return n.map((x) => x.toString(16)).join('');
};

interface Gen {
  handle: string;
  name: string;
  avatar: string;
  follows: string[];
}
const CLUSTERS = Math.max(1, Math.floor(N / 50));
const genAccount = (i: number): Gen => {
  const given = rnd() < 0.6 ? pick(GIVEN) : pick(RARE);
  const name =
    rnd() < 0.7 ? `أبو ${given} ${rnd() < 0.6 ? pick(NISBA) : ''}`.trim() : `${given} ${pick(NISBA)}`;
  const handle = `${pick(LATIN)}_${given.length}${Math.floor(rnd() * 1e6).toString(36)}_${i % 1000}`;
  const cluster = Math.floor(rnd() * CLUSTERS);
  const follows = [
    ...Array.from({ length: 15 }, () => `c${cluster}_${Math.floor(rnd() * 60)}`),
    ...Array.from({ length: 5 }, () => `hub${Math.floor(rnd() ** 3 * 2000)}`),
  ];
  return { handle, name, avatar: hex64(), follows };
};

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
gc();
const rss0 = process.memoryUsage().rss;
const reg = new SuspendedRegistry({ capacity: N });
const truthGen: Gen[] = [];
const tb = performance.now();
const hours = new Uint16Array(24);
for (let i = 0; i < N; i++) {
  const g = genAccount(i);
  if (i < QUERIES) truthGen.push(g);
  reg.add({
    platform: 'x',
    accountId: `s${i}`,
    handleRaw: g.handle,
    profile: profileFingerprint({ handle: g.handle, name: g.name, avatar_pdq: g.avatar, bio: 'صفحة عامة' }),
    behaviour: {
      follows: sortedHashes(new Set(g.follows.map(hashString))),
      followers: new Uint32Array(0),
      reposted: new Uint32Array(0),
      style: new Uint8Array(128),
      affixes: new Uint8Array(64),
      hours,
      posts: 10,
    },
    createdAt: 0,
    suspendedAt: i,
    parent: undefined,
  });
}
const buildS = (performance.now() - tb) / 1000;
gc();
const rss1 = process.memoryUsage().rss;

// Queries: re-creations of the first QUERIES accounts (name/handle variants, avatar re-encoded or
// new, half of the follows) — the kinds a lookup must find; profiles only for a third of them.
const queries = truthGen.map((g, i) => {
  const variantName = `⚔ ${g.name} ${['٢', '3', '۴'][i % 3] as string}`;
  const variantHandle = g.handle.replace(/_(\d+)$/, (_, d: string) => `_${Number(d) + 1}`);
  const follows = g.follows.filter(() => rnd() < 0.5);
  const kind = i % 3; // 0: name+avatar, 1: name only, 2: follows only (new unrelated name)
  const profile = profileFingerprint({
    handle: kind === 2 ? `zz_${i}_${hex64().slice(0, 6)}` : variantHandle,
    name: kind === 2 ? `مستخدم ${hex64().slice(0, 5)}` : variantName,
    avatar_pdq: kind === 0 ? flip(g.avatar, Math.floor(rnd() * 12)) : hex64(),
  });
  return {
    platform: 'x',
    profile,
    follows: sortedHashes(new Set(follows.map(hashString))),
    followers: new Uint32Array(0),
    reposted: new Uint32Array(0),
    kind,
    truth: `s${i}`,
  };
});

const lat: number[] = [];
let found = 0;
let probes = 0;
const foundByKind = [0, 0, 0];
const cpu: number[] = [];
for (const q of queries) {
  const c0 = process.cpuUsage();
  const t = performance.now();
  const c = reg.candidates(q, 16);
  lat.push(performance.now() - t);
  const c1 = process.cpuUsage(c0);
  cpu.push((c1.user + c1.system) / 1000);
  probes += reg.lastProbes;
  if (c.some((x) => x.entry.accountId === q.truth)) {
    found++;
    foundByKind[q.kind] = (foundByKind[q.kind] as number) + 1;
  }
}
lat.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const cpct = (p: number): number => cpu[Math.min(cpu.length - 1, Math.floor(p * cpu.length))] as number;
const pct = (p: number): number => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] as number;

console.error(
  JSON.stringify({
    stage: 'lookups',
    build_s: buildS,
    rss_delta_mib: (rss1 - rss0) / 2 ** 20,
    p50: pct(0.5),
    p99: pct(0.99),
    cpu_p50: cpct(0.5),
    cpu_p99: cpct(0.99),
    recall: found / queries.length,
  }),
);

// Brute force: score every entry with the same raw similarities and take the best.
const all: RegistryEntry[] = [...reg.entries()];
const bruteLat: number[] = [];
let agree = 0;
let bruteFound = 0;
for (const q of queries.slice(0, BRUTE)) {
  const t = performance.now();
  let best: RegistryEntry | undefined;
  let bestS = -1;
  for (const e of all) {
    let s =
      diceSorted(q.profile.nameGrams, e.profile.nameGrams) +
      diceSorted(q.profile.handleGrams, e.profile.handleGrams);
    if (q.profile.avatar && e.profile.avatar && pdqDistance(q.profile.avatar, e.profile.avatar) <= 31) s += 2;
    s += diceSorted(q.follows, e.behaviour.follows) * 2;
    if (s > bestS) {
      bestS = s;
      best = e;
    }
  }
  bruteLat.push(performance.now() - t);
  if (best?.accountId === q.truth) bruteFound++;
  const c = reg.candidates(q, 16);
  if (best && c.some((x) => x.entry === best)) agree++;
}
bruteLat.sort((a, b) => a - b);
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
const result = {
  entries: reg.size,
  build_s: Number(buildS.toFixed(1)),
  rss_delta: mib(rss1 - rss0),
  index_arrays: mib(reg.indexBytes),
  lookup_ms: {
    p50: Number(pct(0.5).toFixed(3)),
    p90: Number(pct(0.9).toFixed(3)),
    p99: Number(pct(0.99).toFixed(3)),
    max: Number((lat.at(-1) ?? 0).toFixed(3)),
  },
  lookup_cpu_ms: {
    p50: Number(cpct(0.5).toFixed(3)),
    p90: Number(cpct(0.9).toFixed(3)),
    p99: Number(cpct(0.99).toFixed(3)),
  },
  entries_touched_mean: Math.round(probes / queries.length),
  recall_top16: Number((found / queries.length).toFixed(4)),
  recall_by_kind: {
    name_avatar: (foundByKind[0] as number) / Math.ceil(QUERIES / 3),
    name_only: (foundByKind[1] as number) / Math.ceil((QUERIES - 1) / 3),
    follows_only: (foundByKind[2] as number) / Math.floor(QUERIES / 3),
  },
  brute_force: {
    queries: BRUTE,
    scan_ms_p50: Number((bruteLat[Math.floor(BRUTE / 2)] as number).toFixed(1)),
    top1_is_truth: bruteFound / BRUTE,
    index_contains_brute_top1: agree / BRUTE,
  },
  speedup_p50: Number(((bruteLat[Math.floor(BRUTE / 2)] as number) / pct(0.5)).toFixed(0)),
};
console.log(JSON.stringify(result, null, 2));
