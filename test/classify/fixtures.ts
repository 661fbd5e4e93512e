// A tiny hand-written corpus: three neutral topics, Arabic and English (no real-world content).
import type { TrainExample } from '../../src/classify/index.js';

const SPORT = [
  'the team won the football match last night',
  'our striker scored two goals in the final',
  'the coach praised the players after the game',
  'tickets for the derby match are sold out',
  'the goalkeeper saved a penalty in extra time',
  'فاز الفريق في مباراة كرة القدم أمس',
  'سجل المهاجم هدفين في المباراة النهائية',
  'أشاد المدرب باللاعبين بعد المباراة',
  'نفدت تذاكر مباراة الديربي',
  'تصدى حارس المرمى لركلة جزاء في الوقت الإضافي',
];
const WEATHER = [
  'heavy rain is expected tomorrow in the north',
  'the temperature will drop below zero tonight',
  'strong winds and clouds over the coast today',
  'a sunny and warm weekend according to the forecast',
  'snow fell on the mountains this morning',
  'يتوقع هطول أمطار غزيرة غدا في الشمال',
  'ستنخفض درجة الحرارة تحت الصفر الليلة',
  'رياح قوية وغيوم على الساحل اليوم',
  'عطلة نهاية أسبوع مشمسة ودافئة حسب النشرة الجوية',
  'تساقطت الثلوج على الجبال صباح اليوم',
];
const FOOD = [
  'this recipe needs rice onions and fresh tomatoes',
  'bake the bread in a hot oven for twenty minutes',
  'the restaurant serves delicious grilled fish',
  'add salt and pepper to the soup before serving',
  'my grandmother makes the best lentil soup',
  'تحتاج هذه الوصفة إلى الأرز والبصل والطماطم الطازجة',
  'اخبز الخبز في فرن ساخن لمدة عشرين دقيقة',
  'يقدم المطعم سمكا مشويا لذيذا',
  'أضف الملح والفلفل إلى الشوربة قبل التقديم',
  'جدتي تطبخ أفضل شوربة عدس',
];

/** 60 examples: each sentence once as written and once with a short tail. */
export const tinyCorpus = (): TrainExample[] => {
  const out: TrainExample[] = [];
  for (const [label, list] of [
    ['sport', SPORT],
    ['weather', WEATHER],
    ['food', FOOD],
  ] as const) {
    for (const s of list) {
      out.push({ text: s, label });
      out.push({ text: `${s} !!`, label });
    }
  }
  return out;
};

export const heldOut = [
  { text: 'the players celebrated the goal with the coach', label: 'sport' },
  { text: 'rain and strong winds expected tonight', label: 'weather' },
  { text: 'fresh bread and lentil soup for dinner', label: 'food' },
  { text: 'المدرب واللاعبين احتفلوا بالهدف', label: 'sport' },
  { text: 'أمطار ورياح قوية الليلة', label: 'weather' },
  { text: 'شوربة عدس وخبز طازج', label: 'food' },
];
