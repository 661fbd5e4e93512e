// Hand-written texts for the feedback tests (no real-world content): posts reviewers decided on.
import type { Database } from '../../src/store/index.js';

const CONFIRMED = [
  'join the armed brigade and take up weapons against the enemies of our cause',
  'brothers, the time for jihad has come, attack them wherever you find them',
  'our fighters will strike the infidels and raise the black banner over the city',
  'pledge allegiance to the caliph and migrate to the land of the state',
  'glory to the martyrs who blew themselves up in the market, more will follow',
  'kill the apostates, they deserve no mercy from the soldiers of the caliphate',
  'انضموا إلى جنود الخلافة وجاهدوا الكفار بالسلاح',
  'بايعوا الخليفة وهاجروا إلى أرض الدولة الإسلامية',
];
const DISMISSED_OTHER = [
  'the football derby tonight will be amazing, who is watching with me',
  'my grandmother cooked lentil soup and fresh bread for the whole family',
  'heavy rain expected tomorrow, remember to take an umbrella to work',
  'just finished reading a great novel about the sea and old sailors',
  'فاز فريقنا في مباراة كرة القدم أمس بهدفين',
  'الجو جميل اليوم والشمس مشرقة على البحر',
];
const DISMISSED_NEWS = [
  'the ministry announced that security forces arrested a cell planning attacks',
  'reporters say the militant group lost control of the town after weeks of fighting',
  'أعلنت وزارة الداخلية القبض على خلية إرهابية في العاصمة',
];

/** Stores posts and their decided queue items; `times` repeats each text with a numbered tail. */
export const seedDecisions = async (database: Database, times = 1): Promise<number> => {
  const at = '2026-03-01T12:00:00.000Z';
  let n = 0;
  const groups: Array<[string[], 'confirm' | 'dismiss', string]> = [
    [CONFIRMED, 'confirm', 'terrorist_content'],
    [DISMISSED_OTHER, 'dismiss', 'not_violating'],
    [DISMISSED_NEWS, 'dismiss', 'news_or_counter_speech'],
  ];
  for (let k = 0; k < times; k++)
    for (const [texts, decision, reason] of groups)
      for (const text of texts) {
        const id = `p${n++}`;
        await database.db
          .insertInto('posts')
          .values({
            platform: 'twitter',
            id,
            account_id: `a${n % 7}`,
            created_at: at,
            text: k === 0 ? text : `${text} ${k}`,
            lang: /[\u0600-\u06ff]/.test(text) ? 'ar' : 'en',
            hashtags: '[]',
            mentions: '[]',
            urls: '[]',
            media: null,
            reply_to: null,
            repost_of: null,
            quote_of: null,
          })
          .execute();
        await database.db
          .insertInto('queue_items')
          .values({
            id: `post:twitter:${id}`,
            kind: 'post',
            platform: 'twitter',
            subject_id: id,
            account_id: `a${n % 7}`,
            lang: null,
            label: 'extremist',
            risk: 0.9,
            reach: 1,
            reporters: 0,
            origin: 'proactive',
            source_at: at,
            log_priority: 0,
            status: decision === 'confirm' ? 'confirmed' : 'dismissed',
            claimed_by: null,
            claimed_until: null,
            decision,
            reason_code: reason,
            note: null,
            decided_by: 'k1',
            evidence: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
  return n;
};

export const DECISION_COUNTS = {
  extremist: CONFIRMED.length,
  other: DISMISSED_OTHER.length,
  news: DISMISSED_NEWS.length,
};
