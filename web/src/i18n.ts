import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ar } from './locales/ar';
import { en } from './locales/en';

export const LANGS = ['ar', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const STORAGE = 'marsad.lang';

const isLang = (v: string | null | undefined): v is Lang => v === 'ar' || v === 'en';

/** `?lang=ar` (shareable links, tests) wins, then the last choice, then the browser's language. */
const initialLang = (): Lang => {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isLang(fromUrl)) return fromUrl;
  const stored = localStorage.getItem(STORAGE);
  if (isLang(stored)) return stored;
  return navigator.language.toLowerCase().startsWith('ar') ? 'ar' : 'en';
};

/** Arabic turns the whole document right to left; CSS uses logical properties, so the layout mirrors. */
const applyToDocument = (lang: string): void => {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.title = lang === 'ar' ? 'مرصد' : 'Marsad';
};

export const setupI18n = async (): Promise<void> => {
  const lng = initialLang();
  i18next.on('languageChanged', (l) => {
    localStorage.setItem(STORAGE, l);
    applyToDocument(l);
  });
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources: { en: { translation: en }, ar: { translation: ar } },
    interpolation: { escapeValue: false },
  });
  applyToDocument(lng);
};

export const currentLang = (): Lang => (isLang(i18next.language) ? i18next.language : 'en');
