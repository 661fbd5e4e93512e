// Built-in synthetic template sentences for the simulator (used when no --texts corpus is given).
// Written for this project: the "army" templates only mimic the register of propaganda (generic
// glorification, victory claims, calls to join, slogans) and contain no real or operational content.
// `{place}`, `{city}`, `{num}`, `{team}`, `{food}` are filled at random.

export const ARMY_AR: readonly string[] = [
  'جنود الدولة ثابتون في {place} والنصر قريب بإذن الله',
  'بيان جديد: تقدم لجنود الخلافة في {place} واغتنام {num} آليات',
  'يا شباب الأمة، اللحاق بركب الدولة شرف فلا تتأخروا',
  'الدولة باقية رغم أنف الأعداء و{place} شاهدة',
  'إصدار مرئي جديد من ولاية {place} قريبا، ترقبوا يا أنصار',
  'أسود الخلافة في {place} يذيقون الأعداء الويلات',
  'لا تلتفتوا لإعلام الأعداء، أخبار الولايات من مصادرها فقط',
  'ثبات جنود الدولة في {place} رغم الحصار، والعاقبة للمتقين',
  'يا أنصار الدولة انشروا الإصدار الجديد عن {place} في كل مكان',
  'الخلافة وعد لا يخلف، وجنودها في {place} على العهد',
  'من {place} إلى كل الولايات: الدولة باقية وتتمدد',
  'هنيئا لمن نفر إلى أرض الدولة، فالركب ماض ولن ينتظر أحدا',
  'غنائم جديدة لجنود الخلافة في {place}، {num} أسيرا بحسب بيان الولاية',
  'أيها المتخاذلون، إخوانكم في {place} ينتظرون نصرتكم',
];

export const ARMY_EN: readonly string[] = [
  'The soldiers of the State stand firm in {place}. Victory is near.',
  'New release from {place} province coming soon. Stay tuned, supporters.',
  'Brothers, the caravan is moving. Join the ranks of the State before it is too late.',
  'The State remains and expands. {place} is witness.',
  'Lions of the caliphate in {place} claim {num} enemy vehicles today.',
  'Do not listen to the enemy media. News of the provinces only from its sources.',
];

/** News and research: reporting on the same events with the same keywords and hashtags. */
export const NEWS_AR: readonly string[] = [
  'عاجل | مصادر محلية: هجوم لعناصر تنظيم الدولة في {place} ومقتل {num}',
  'تقرير: حسابات مؤيدة للتنظيم تنشر دعاية جديدة عن {place}',
  'باحثون: التنظيم يكثف نشاطه الدعائي على وسائل التواصل بعد خسائره في {place}',
  'رصد: منشورات التنظيم تردد شعار «باقية وتتمدد» في حملة جديدة عن {place}',
  'مسؤول أمني: إحباط محاولة تسلل لعناصر من التنظيم قرب {place}',
  'تحليل: كيف يستخدم التنظيم الوسوم الرائجة لنشر دعايته',
  'منصات التواصل تعلن إغلاق {num} حسابا مرتبطا بالتنظيم خلال أسبوع',
  'دراسة: حسابات التنظيم تعود بأسماء جديدة بعد ساعات من إغلاقها',
];

export const NEWS_EN: readonly string[] = [
  'BREAKING: Islamic State claims attack in {place}; {num} reported killed, local officials say',
  'Researchers track a surge of pro-ISIS accounts pushing propaganda about {place}',
  'Analysis: how the group\'s online "electronic army" recycles slogans like "remaining and expanding"',
  'Platforms say they removed {num} accounts linked to the Islamic State this week',
  'Report: ISIS supporters return under new names hours after suspension',
];

/** Benign counter-speech (coordinated, not extremist). */
export const COUNTER_AR: readonly string[] = [
  'ديننا دين رحمة ولا مكان للتطرف بيننا',
  'شبابنا أغلى من أن يكونوا وقودا لدعاية الإرهاب',
  'بلغوا عن حسابات التحريض ولا تعيدوا نشرها',
  'التطرف لا يمثلنا، و{city} ستبقى مدينة السلام',
  'كلمة طيبة تهزم ألف منشور كراهية',
  'لا تمنحوا دعاة العنف منبرا، احذفوا وبلغوا',
];

export const COUNTER_EN: readonly string[] = [
  'Extremists do not speak for us. Report, do not share.',
  'Our youth deserve hope, not propaganda.',
  'Kindness is louder than hate. Stand together against extremism.',
];

/** Ordinary chatter: Gulf, Levantine, Egyptian, MSA. */
export const ORGANIC_AR: readonly string[] = [
  'والله الجو اليوم حر مرة في {city} 😅',
  'ياخي {team} اليوم فنان، مستوى ولا أروع',
  'أحد يعرف مطعم {food} زين في {city}؟',
  'صباح الخير يا جماعة، قهوتي أول شي ☕',
  'شو هالزحمة اليوم بـ{city}، ما في شي عم يمشي',
  'يا جماعة حدا بيعرف محل بيبيع {food} طيب؟',
  'كتير مبسوط اليوم، خلصت الشغل بكير',
  'هو في إيه النهارده في الزحمة دي يا جماعة',
  '{team} كسب يا رجالة 🔥 الدوري جاي',
  'أنا عايز {food} دلوقتي حالا 😂',
  'نسأل الله أن يبارك في أيامنا وأن يرزقنا الخير',
  'تم افتتاح مكتبة عامة جديدة في {city} اليوم',
  'اللهم بلغنا رمضان وأنت راض عنا',
  'أجمل شي بالدنيا جلسة مع الأهل بعد العشاء',
  'الامتحانات بعد {num} أيام والله ما ذاكرت شي',
  'مبروك للأخ على الوظيفة الجديدة 🌹',
  'الطقس في {city} رائع هذا المساء',
  'مين رايح مباراة {team} بكرة؟',
];

export const ORGANIC_EN: readonly string[] = [
  'Coffee first, then everything else ☕',
  'Traffic in {city} is insane today',
  'What a game by {team} tonight!',
  'Anyone know a good place for {food} in {city}?',
  'Finally finished that book, {num} pages of pure joy',
  'Weekend plans: sleep, {food}, repeat',
  'Congrats to my cousin on the new job!',
  'Rainy day in {city}, perfect for staying in',
];

export const PLACES_AR: readonly string[] = [
  'الشام',
  'العراق',
  'سيناء',
  'الصحراء',
  'الساحل',
  'الجنوب',
  'الشمال',
  'البادية',
  'خراسان',
  'الجزيرة',
];
export const PLACES_EN: readonly string[] = [
  'the Sahel',
  'Sinai',
  'the desert',
  'the north',
  'the south',
  'the border region',
];
export const CITIES: readonly string[] = [
  'الرياض',
  'جدة',
  'القاهرة',
  'عمان',
  'بيروت',
  'دبي',
  'الكويت',
  'الدوحة',
  'تونس',
  'الإسكندرية',
];
export const CITIES_EN: readonly string[] = ['Cairo', 'London', 'Dubai', 'Amman', 'Riyadh', 'Toronto'];
export const TEAMS: readonly string[] = [
  'الهلال',
  'النصر',
  'الأهلي',
  'الزمالك',
  'الاتحاد',
  'الوحدات',
  'الترجي',
];
export const TEAMS_EN: readonly string[] = ['Liverpool', 'Barca', 'Real Madrid', 'Al Ahly'];
export const FOODS: readonly string[] = ['شاورما', 'كبسة', 'كشري', 'فلافل', 'منسف', 'كنافة'];
export const FOODS_EN: readonly string[] = ['pizza', 'shawarma', 'sushi', 'tacos'];

/** Hashtags (without `#`). */
export const ORGANIC_HASHTAGS: readonly string[] = [
  'الهلال',
  'الأهلي',
  'الزمالك',
  'رمضان_كريم',
  'مصر',
  'الرياض',
  'عمان',
  'بيروت',
  'دبي',
  'كأس_العالم',
  'طقس',
  'وظائف',
  'مباراة_اليوم',
  'صباح_الخير',
  'عاجل',
  'ترند',
  'قهوة',
  'سفر',
  'الدوري',
  'معرض_الكتاب',
];
export const ORGANIC_HASHTAGS_EN: readonly string[] = [
  'Ramadan',
  'football',
  'WorldCup',
  'travel',
  'MondayMotivation',
  'coffee',
];
export const ARMY_HASHTAGS: readonly string[] = [
  'الدولة_الإسلامية',
  'جنود_الخلافة',
  'أخبار_الولايات',
  'باقية',
];
/** Hashtags news accounts share with the army, plus their own. */
export const NEWS_HASHTAGS: readonly string[] = [
  'داعش',
  'تنظيم_الدولة',
  'الدولة_الإسلامية',
  'أخبار_الولايات',
  'الإرهاب',
];
export const RAID_HASHTAGS: readonly string[] = [
  'صولات_الأسود',
  'غزوة_الثبات',
  'رجال_الدولة',
  'إعلام_الخلافة',
  'نصرة_الولايات',
  'الركب_ماض',
];
/** Breaking events that make ordinary users post at once (organic bursts). */
export const BURST_HASHTAGS: readonly string[] = [
  'هدف_قاتل',
  'زلزال_الآن',
  'الكلاسيكو',
  'انقطاع_الكهرباء',
  'عاصفة_رملية',
  'BreakingNews',
];
export const COUNTER_HASHTAGS: readonly string[] = ['معا_ضد_التطرف', 'TogetherAgainstExtremism'];

/** Shout-outs announcing a re-created account; `{handle}` is its new handle, `{name}` the old name. */
export const SHOUTOUT_AR: readonly string[] = [
  'تابعوا حساب الأخ الجديد @{handle}',
  'حساب الأخ {name} الجديد @{handle} تابعوه وانشروه',
  'عاد الأخ {name} بعد الإغلاق، حسابه الجديد @{handle}',
  'أنصار الدولة: تابعوا @{handle} ودعموه',
];
export const SHOUTOUT_EN: readonly string[] = [
  "Follow the brother's new account @{handle}",
  'Brother {name} is back after the ban, his new account is @{handle}',
];

/** A Telegram channel announced on the main platform. */
export const TELEGRAM_ANNOUNCE_AR = 'قناتنا على تيليجرام للإصدارات الكاملة: {url}';

/** Copypasta edits: words that get swapped for a near synonym. */
export const WORD_SWAPS: ReadonlyArray<readonly [string, string]> = [
  ['النصر', 'الفتح'],
  ['جنود', 'أسود'],
  ['قريب', 'آت'],
  ['الأعداء', 'الخصوم'],
  ['جديد', 'حديث'],
  ['soldiers', 'lions'],
  ['near', 'coming'],
  ['New', 'Fresh'],
];
export const EMOJIS: readonly string[] = ['⚔️', '🏴', '🔥', '💪', '✊', '🌙', '‼️', '🔻'];

// Names. Common kunyas are hard negatives: ordinary people use them every day.
export const COMMON_KUNYAS_AR: readonly string[] = [
  'أبو محمد',
  'أبو أحمد',
  'أبو عبدالله',
  'أبو خالد',
  'أم خالد',
  'أم محمد',
  'أبو فهد',
  'أم عبدالله',
  'أبو علي',
  'أبو عمر',
];
export const COMMON_KUNYAS_EN: readonly string[] = [
  'Abu Ahmed',
  'Abu Mohammed',
  'Umm Khalid',
  'Abu Omar',
  'Abu Ali',
];
export const COMMON_KUNYA_HANDLES: readonly string[] = [
  'abu_mohammed',
  'abuahmed',
  'abu_abdullah',
  'abukhaled',
  'um_khalid',
  'umm_mohammed',
  'abu_fahad',
  'abu_ali',
  'abuomar',
];
export const NISBAS_AR: readonly string[] = [
  'الجنوبي',
  'المهاجر',
  'الشامي',
  'الأنصاري',
  'الغريب',
  'التميمي',
  'الحضرمي',
  'العراقي',
  'المصري',
  'الليبي',
  'النجدي',
  'الكردي',
];
export const ARMY_KUNYAS: readonly string[] = [
  'أبو البراء',
  'أبو الوليد',
  'أبو حمزة',
  'أبو عبيدة',
  'أبو اليمان',
  'أبو المثنى',
  'أبو دجانة',
  'أبو الزبير',
  'أبو طلحة',
  'أبو القعقاع',
  'أبو مصعب',
  'أبو صهيب',
];
export const ARMY_KUNYA_LATIN: Record<string, string> = {
  'أبو البراء': 'abu_albaraa',
  'أبو الوليد': 'abu_alwaleed',
  'أبو حمزة': 'abu_hamza',
  'أبو عبيدة': 'abu_ubaida',
  'أبو اليمان': 'abu_alyaman',
  'أبو المثنى': 'abu_muthanna',
  'أبو دجانة': 'abu_dujana',
  'أبو الزبير': 'abu_zubair',
  'أبو طلحة': 'abu_talha',
  'أبو القعقاع': 'abu_qaqaa',
  'أبو مصعب': 'abu_musab',
  'أبو صهيب': 'abu_suhaib',
};
export const FIRST_NAMES_AR: readonly string[] = [
  'محمد',
  'أحمد',
  'سارة',
  'نورة',
  'خالد',
  'ريم',
  'عمر',
  'ليلى',
  'يوسف',
  'هند',
  'فهد',
  'مريم',
  'طارق',
  'دانة',
  'سلمان',
  'رنا',
];
export const FIRST_NAMES_LATIN: readonly string[] = [
  'mohammed',
  'ahmed',
  'sara',
  'noura',
  'khaled',
  'reem',
  'omar',
  'layla',
  'yousef',
  'hind',
  'fahad',
  'maryam',
  'tariq',
  'dana',
  'salman',
  'rana',
];
export const FAMILY_NAMES_AR: readonly string[] = [
  'العتيبي',
  'الشمري',
  'حداد',
  'منصور',
  'السيد',
  'الخطيب',
  'النجار',
  'القحطاني',
  'عبدالله',
  'الزعبي',
];
export const FIRST_NAMES_EN: readonly string[] = [
  'John',
  'Emma',
  'Liam',
  'Olivia',
  'Noah',
  'Ava',
  'Adam',
  'Sophie',
  'Yusuf',
  'Mia',
];
export const LAST_NAMES_EN: readonly string[] = [
  'Smith',
  'Brown',
  'Khan',
  'Taylor',
  'Wilson',
  'Ali',
  'Evans',
  'Hassan',
];

export const BIOS_ORGANIC: readonly string[] = [
  'أحب القهوة والكتب',
  'هلالي حتى النخاع',
  'مهندس | {city}',
  'طالبة جامعية',
  'الحمد لله دائما وأبدا',
  'Coffee, books and football',
  'Proud dad from {city}',
  '',
];
export const BIOS_NEWS: readonly string[] = [
  'وكالة أخبار | تغطية مستمرة على مدار الساعة',
  'باحث في شؤون الجماعات المتطرفة',
  'مرصد للإعلام الرقمي',
  'News from the region, 24/7',
  'Researcher on jihadism and online extremism',
];
export const BIOS_ARMY: readonly string[] = [
  'عبد فقير إلى ربه ⚔️',
  'على العهد باقون 🏴',
  'حسابي رقم {num} بعد الإغلاق',
  'نصير للدولة',
  'الغريب في زمن الغربة',
  'ناشر الإصدارات',
];
export const BIOS_COUNTER: readonly string[] = [
  'متطوع في مبادرة للحوار',
  'Peace builder | youth worker',
  'معا ضد الكراهية',
];
