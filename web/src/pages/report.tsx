import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';

// The public user-report form: no key needed (POST /v1/reports is public and rate limited).
export const ReportPage = () => {
  const { t } = useTranslation();
  const id = useId();
  const [form, setForm] = useState({
    platform: 'twitter',
    kind: 'post' as 'post' | 'account',
    id: '',
    reason: '',
    reporter: '',
  });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await api.report({
        platform: form.platform.trim(),
        kind: form.kind,
        id: form.id.trim(),
        reason: form.reason.trim(),
        ...(form.reporter.trim() ? { reporter: form.reporter.trim() } : {}),
      });
      setResult({ ok: true, text: r.duplicate ? t('report.duplicate') : t('report.thanks') });
      setForm((f) => ({ ...f, id: '', reason: '' }));
    } catch (err) {
      setResult({
        ok: false,
        text: t('app.error', { message: err instanceof Error ? err.message : String(err) }),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1>{t('report.title')}</h1>
      <p>{t('report.intro')}</p>
      <form className="report-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={`${id}-platform`}>{t('report.platform')}</label>
        <input id={`${id}-platform`} required value={form.platform} onChange={set('platform')} />
        <fieldset>
          <legend>{t('report.kind')}</legend>
          {(['post', 'account'] as const).map((k) => (
            <label key={k} className="inline">
              <input
                type="radio"
                name={`${id}-kind`}
                value={k}
                checked={form.kind === k}
                onChange={() => setForm((f) => ({ ...f, kind: k }))}
              />{' '}
              {t(`report.${k}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${id}-id`}>{t('report.id')}</label>
        <input id={`${id}-id`} required maxLength={256} value={form.id} onChange={set('id')} />
        <label htmlFor={`${id}-reason`}>{t('report.reason')}</label>
        <textarea
          id={`${id}-reason`}
          required
          maxLength={1000}
          rows={4}
          value={form.reason}
          onChange={set('reason')}
        />
        <label htmlFor={`${id}-reporter`}>{t('report.reporter')}</label>
        <input id={`${id}-reporter`} maxLength={256} value={form.reporter} onChange={set('reporter')} />
        <button type="submit" disabled={busy}>
          {t('report.submit')}
        </button>
      </form>
      {result ? (
        <p className={`status ${result.ok ? 'ok' : 'error'}`} role="status" data-testid="report-result">
          {result.text}
        </p>
      ) : null}
    </>
  );
};
