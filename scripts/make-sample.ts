// Writes samples/observatory-sample.ndjson: a few hundred invented canonical events (accounts with
// Arabic and English names, everyday posts, news, counter-speech, follows, a profile update and a
// spam takedown). No real accounts and no extremist content. Deterministic: run it again and the
// file is the same.  Usage: npx tsx scripts/make-sample.ts [OUT]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? path.join(ROOT, 'samples/observatory-sample.ndjson');

let seed = 20240101;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const CITIES = ['عمّان', 'بيروت', 'تونس', 'الرباط', 'القاهرة', 'بغداد', 'الدوحة'];
const PEOPLE: Array<[string, string, string]> = [
  ['salma_news', 'سلمى | أخبار المدينة', 'ar'],
  ['omar_reads', 'عمر يقرأ', 'ar'],
  ['layla_k', 'ليلى', 'ar'],
  ['amman_weather', 'طقس عمّان', 'ar'],
  ['youssef_fc', 'يوسف - كرة القدم', 'ar'],
  ['nour_teacher', 'نور المعلّمة', 'ar'],
  ['karim_cafe', 'مقهى كريم', 'ar'],
  ['hana_reporter', 'هناء مراسلة', 'ar'],
  ['peace_voices', 'أصوات السلام', 'ar'],
  ['rami_dev', 'Rami', 'en'],
  ['dalia_writes', 'Dalia Writes', 'en'],
  ['city_desk', 'City Desk', 'en'],
  ['sara_m', 'سارة', 'ar'],
  ['fadi_photo', 'فادي للتصوير', 'ar'],
  ['mona_health', 'منى | صحة', 'ar'],
  ['tariq_history', 'طارق والتاريخ', 'ar'],
  ['aya_books', 'آية والكتب', 'ar'],
  ['zaid_runs', 'Zaid', 'en'],
  ['reem_chef', 'ريم في المطبخ', 'ar'],
  ['hassan_bus', 'حسن - النقل العام', 'ar'],
  ['observatory_ar', 'مرصد الحوار', 'ar'],
  ['ali_student', 'علي طالب جامعي', 'ar'],
  ['maya_music', 'Maya', 'en'],
  ['bilal_market', 'بلال - السوق', 'ar'],
];

const AR_POSTS = [
  (c: string) => `صباح الخير يا ${c}، القهوة أولا ثم العمل #صباح_الخير`,
  (c: string) => `الأرصاد: أمطار خفيفة متوقعة على ${c} مساء اليوم #طقس_اليوم`,
  (c: string) => `عاجل: افتتاح مكتبة عامة جديدة في ${c} بحضور أهالي الحي #أخبار`,
  () => `مباراة رائعة الليلة، مبروك للفريق على الفوز #كرة_القدم`,
  () => `التطرف لا يمثلنا، وديننا دين رحمة وتعايش #معا_ضد_الكراهية`,
  () => `الحوار أقوى من الكراهية، شاركونا في ورشة الحوار يوم السبت #لا_للكراهية`,
  (c: string) => `ازدحام كبير على الطريق الرئيسي في ${c}، خذوا طريقا بديلا #مرور`,
  () => `وصفة اليوم: شوربة العدس مع الليمون #رمضان_كريم`,
  () => `نصيحة: اشربوا الماء بكثرة في الحر #صحة`,
  (c: string) => `معرض الكتاب في ${c} يفتح أبوابه غدا #معرض_الكتاب`,
  () => `قصة نجاح: شباب الحي ينظفون الحديقة العامة #تطوع`,
  () => `تقرير: كيف يواجه المعلمون خطاب الكراهية في المدارس؟ https://example.org/report #تعليم`,
];
const EN_POSTS = [
  () => 'Morning run done, the river path is beautiful today #running',
  () => 'City council approves funding for three new libraries https://example.org/news/libraries #news',
  () => 'Counter-speech works best when it is local and kind #CounterSpeech',
  () => 'New release of our open-source bus timetable app https://example.org/bus #opensource',
  () => 'Listening to oud music while working #music',
];

const events: Array<Record<string, unknown>> = [];
const base = Date.UTC(2024, 2, 1, 6, 0, 0);
const at = (minutes: number): string => new Date(base + minutes * 60_000).toISOString();

PEOPLE.forEach(([handle, name, lang], i) => {
  events.push({
    type: 'account',
    platform: 'twitter',
    id: `10${i + 1}`,
    handle,
    name,
    lang,
    bio: lang === 'ar' ? `حساب تجريبي: ${name}` : `Sample account: ${name}`,
    followers_count: Math.floor(rand() * 5000),
    following_count: Math.floor(rand() * 800),
    created_at: at(-100_000 + i * 1000),
  });
});
// A spam account that the platform takes down later (ordinary spam, not extremism).
events.push({
  type: 'account',
  platform: 'twitter',
  id: '999',
  handle: 'win_prizes_now',
  name: 'جوائز مجانية',
  created_at: at(-5),
});

let minute = 0;
const postIds: string[] = [];
for (let i = 0; i < 280; i++) {
  minute += 1 + Math.floor(rand() * 20);
  const author = Math.floor(rand() * PEOPLE.length);
  const [, , lang] = PEOPLE[author] as [string, string, string];
  const id = `5${String(i).padStart(4, '0')}`;
  const post: Record<string, unknown> = {
    type: 'post',
    platform: 'twitter',
    id,
    account_id: `10${author + 1}`,
    created_at: at(minute),
  };
  const r = rand();
  if (r < 0.12 && postIds.length > 0) {
    post['repost_of'] = pick(postIds);
    post['text'] = '';
  } else {
    post['text'] = lang === 'ar' ? pick(AR_POSTS)(pick(CITIES)) : pick(EN_POSTS)();
    post['lang'] = lang;
    if (r < 0.3 && postIds.length > 0) {
      const target = pick(PEOPLE)[0];
      post['reply_to'] = pick(postIds);
      post['text'] = `@${target} ${String(post['text'])}`;
    } else if (r < 0.36 && postIds.length > 0) post['quote_of'] = pick(postIds);
  }
  events.push(post);
  postIds.push(id);
  if (i % 7 === 3) {
    const src = Math.floor(rand() * PEOPLE.length) + 1;
    let dst = Math.floor(rand() * PEOPLE.length) + 1;
    if (dst === src) dst = (dst % PEOPLE.length) + 1;
    events.push({
      type: 'follow',
      platform: 'twitter',
      src: `10${src}`,
      dst: `10${dst}`,
      created_at: at(minute),
    });
  }
  if (i === 60)
    events.push({
      type: 'profile_update',
      platform: 'twitter',
      account_id: '101',
      name: 'سلمى',
      bio: 'مراسلة محلية، أخبار المدينة كل صباح',
      created_at: at(minute),
    });
  if (i === 150)
    events.push({
      type: 'profile_update',
      platform: 'twitter',
      account_id: '1012',
      handle: 'city_desk_news',
      created_at: at(minute),
    });
  if (i >= 200 && i < 204) {
    events.push({
      type: 'post',
      platform: 'twitter',
      id: `9${i}`,
      account_id: '999',
      text: 'اربح جوائز الآن! اضغط هنا https://example.com/win #جوائز',
      created_at: at(minute),
    });
  }
}
events.push({
  type: 'enforcement',
  platform: 'twitter',
  account_id: '999',
  action: 'suspend',
  reason: 'spam',
  created_at: at(minute + 30),
});

events.sort((a, b) => String(a['created_at']).localeCompare(String(b['created_at'])));
writeFileSync(out, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
process.stderr.write(`wrote ${events.length} events to ${path.relative(process.cwd(), out)}\n`);
