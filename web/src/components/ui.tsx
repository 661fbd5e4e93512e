import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import type { Role } from '../api-types';
import { hasRole, useSession } from '../session';
import { SignIn } from './sign-in';

/** Loading / error / empty states shared by the pages. */
export const Status = ({
  loading,
  error,
  empty,
}: {
  loading?: boolean;
  error?: Error | undefined;
  empty?: boolean;
}) => {
  const { t } = useTranslation();
  if (error) {
    const missing = error instanceof ApiError && error.status === 404 && error.message.startsWith('no route');
    return (
      <p className="status error" role="alert">
        {missing
          ? t('app.unavailable', { message: error.message })
          : t('app.error', { message: error.message })}
      </p>
    );
  }
  if (loading)
    return (
      <p className="status" aria-live="polite" data-loading="">
        {t('app.loading')}
      </p>
    );
  if (empty) return <p className="status">{t('app.none')}</p>;
  return null;
};

/**
 * The loading / error / empty line for one `useApi` result, then `children(data)` once there is data
 * that is not empty (old data stays on screen while a live tick reloads it).
 */
export const Loadable = <T,>({
  state: { data, error, loading },
  isEmpty,
  children,
}: {
  state: { data: T | undefined; error: Error | undefined; loading: boolean };
  isEmpty?: (data: T) => boolean;
  children(data: T): ReactNode;
}) => {
  const empty = data !== undefined && !!isEmpty?.(data);
  return (
    <>
      <Status loading={loading && !data} error={error} empty={empty} />
      {data !== undefined && !empty ? children(data) : null}
    </>
  );
};

/** Renders the page only for a key with at least `role`; otherwise the sign-in form or a notice. */
export const RequireRole = ({ role, children }: { role: Role; children: ReactNode }) => {
  const { t } = useTranslation();
  const { who } = useSession();
  // While the stored key is being checked the page already loads (in parallel with the check): a
  // rejected key ends up at the sign-in form below, a too-low role at the notice.
  if (who === undefined) return <>{children}</>;
  if (!who)
    return (
      <section className="panel">
        <p>{t('app.needKey')}</p>
        <SignIn />
      </section>
    );
  if (!hasRole(who, role))
    return <p className="status error">{t('app.needRole', { role, have: who.role })}</p>;
  return <>{children}</>;
};

/** A page: its title, then its body for a key with at least `role`. */
export const RolePage = ({
  title,
  role,
  children,
}: {
  title: ReactNode;
  role: Role;
  children: ReactNode;
}) => (
  <>
    <h1>{title}</h1>
    <RequireRole role={role}>{children}</RequireRole>
  </>
);

export const Panel = ({ title, children, id }: { title: string; children: ReactNode; id?: string }) => (
  <section className="panel" aria-labelledby={id}>
    <h2 id={id}>{title}</h2>
    {children}
  </section>
);

/** Evidence strings as the detectors wrote them ("followed by 39 flagged accounts (+2.00)"). */
const evidenceLines = (v: unknown): string[] => {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'string' ? [x] : evidenceLines(x)));
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) =>
      k === 'evidence' || (Array.isArray(x) && x.every((y) => typeof y === 'string'))
        ? evidenceLines(x)
        : [`${k}: ${typeof x === 'object' ? JSON.stringify(x) : String(x)}`],
    );
  return [String(v)];
};

export const EvidenceList = ({ items }: { items: unknown }) => {
  const list = evidenceLines(items);
  if (!list.length) return <Status empty />;
  return (
    <ul className="evidence">
      {list.map((e, i) => (
        <li key={i}>
          <bdi>{e}</bdi>
        </li>
      ))}
    </ul>
  );
};

export const RiskBadge = ({ risk }: { risk: number | null | undefined }) => {
  if (typeof risk !== 'number') return <span className="badge">—</span>;
  const level = risk >= 0.8 ? 'high' : risk >= 0.5 ? 'mid' : 'low';
  return <span className={`badge risk-${level}`}>{risk.toFixed(2)}</span>;
};
