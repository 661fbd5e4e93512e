import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session';

export const SignIn = () => {
  const { t } = useTranslation();
  const { signIn, error } = useSession();
  const [key, setKey] = useState('');
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (key.trim()) void signIn(key);
  };
  return (
    <form className="sign-in" onSubmit={submit}>
      <label htmlFor={id}>{t('app.apiKey')}</label>
      <input
        id={id}
        type="password"
        autoComplete="off"
        value={key}
        onChange={(e) => setKey(e.target.value)}
        aria-describedby={`${id}-help`}
      />
      <button type="submit">{t('app.signIn')}</button>
      <p id={`${id}-help`} className="hint">
        {t('app.signInHelp')}
      </p>
      {error ? (
        <p className="status error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
};
