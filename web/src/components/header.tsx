import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import { LANGS } from '../i18n';
import { useLive } from '../live';
import { useSession } from '../session';
import { useTheme, type Theme } from '../theme';

export const Header = () => {
  const { t, i18n } = useTranslation();
  const { theme, setTheme } = useTheme();
  const { who, signOut } = useSession();
  const live = useLive();
  const fmt = useFormat();
  const processed = (live.counters?.['events'] as { processed?: unknown } | undefined)?.processed;
  const langId = useId();
  const themeId = useId();
  return (
    <header className="top">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ◉
        </span>
        <span className="name">{t('app.title')}</span>
        <span className="sub">{t('app.subtitle')}</span>
      </div>
      <div className="tools">
        {who ? (
          <span className={`live live-${live.mode}`} title={t('app.live')} data-testid="live">
            {live.mode === 'stream' ? t('app.liveSse') : t('app.livePoll')}
            {live.mode === 'stream' && typeof processed === 'number'
              ? ` · ${t('app.events', { n: fmt.num(processed) })}`
              : ''}
          </span>
        ) : null}
        <label htmlFor={langId}>{t('app.language')}</label>
        <select id={langId} value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
          {LANGS.map((l) => (
            <option key={l} value={l} lang={l}>
              {l === 'ar' ? 'العربية' : 'English'}
            </option>
          ))}
        </select>
        <label htmlFor={themeId}>{t('app.theme')}</label>
        <select id={themeId} value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
          <option value="light">{t('app.light')}</option>
          <option value="dark">{t('app.dark')}</option>
        </select>
        {who ? (
          <>
            <span className="who">{t('app.signedInAs', { name: who.name, role: who.role })}</span>
            <button type="button" onClick={signOut}>
              {t('app.signOut')}
            </button>
          </>
        ) : null}
      </div>
    </header>
  );
};
