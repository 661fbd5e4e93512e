import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, NavLink, Route, Routes } from 'react-router';
import { Header } from './components/header';
import { Status } from './components/ui';
import { LiveProvider } from './live';
import { OverviewPage } from './pages/overview';
import { SessionProvider } from './session';
import { ThemeProvider } from './theme';

// The overview (the landing page) is in the main bundle, so its data is requested without waiting
// for another chunk; every other page is its own chunk, loaded when visited.
const Overview = OverviewPage;
const Hashtags = lazy(() => import('./pages/hashtags').then((m) => ({ default: m.HashtagsPage })));
const Hashtag = lazy(() => import('./pages/hashtag').then((m) => ({ default: m.HashtagPage })));
const Campaigns = lazy(() => import('./pages/campaigns').then((m) => ({ default: m.CampaignsPage })));
const Campaign = lazy(() => import('./pages/campaign').then((m) => ({ default: m.CampaignPage })));
const Accounts = lazy(() => import('./pages/accounts').then((m) => ({ default: m.AccountsPage })));
const Account = lazy(() => import('./pages/account').then((m) => ({ default: m.AccountPage })));
const Queue = lazy(() => import('./pages/queue').then((m) => ({ default: m.QueuePage })));
const Appeals = lazy(() => import('./pages/appeals').then((m) => ({ default: m.AppealsPage })));
const Report = lazy(() => import('./pages/report').then((m) => ({ default: m.ReportPage })));
const Transparency = lazy(() =>
  import('./pages/transparency').then((m) => ({ default: m.TransparencyPage })),
);

export const NAV = [
  { to: '/', key: 'nav.overview' },
  { to: '/hashtags', key: 'nav.hashtags' },
  { to: '/campaigns', key: 'nav.campaigns' },
  { to: '/accounts', key: 'nav.accounts' },
  { to: '/queue', key: 'nav.queue' },
  { to: '/appeals', key: 'nav.appeals' },
  { to: '/transparency', key: 'nav.transparency' },
  { to: '/report', key: 'nav.report' },
] as const;

const Nav = () => {
  const { t } = useTranslation();
  return (
    <nav className="side" aria-label={t('app.nav')}>
      <ul>
        {NAV.map((n) => (
          <li key={n.to}>
            <NavLink to={n.to} end={n.to === '/'}>
              {t(n.key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
};

const NotFound = () => {
  const { t } = useTranslation();
  return <p className="status">{t('app.notFound')}</p>;
};

export const App = () => {
  const { t } = useTranslation();
  return (
    <ThemeProvider>
      <SessionProvider>
        <LiveProvider>
          <BrowserRouter>
            <a className="skip" href="#main">
              {t('app.skip')}
            </a>
            <div className="layout">
              <Header />
              <Nav />
              <main id="main" tabIndex={-1}>
                <Suspense fallback={<Status loading />}>
                  <Routes>
                    <Route path="/" element={<Overview />} />
                    <Route path="/hashtags" element={<Hashtags />} />
                    <Route path="/hashtags/:key" element={<Hashtag />} />
                    <Route path="/campaigns" element={<Campaigns />} />
                    <Route path="/campaigns/:id" element={<Campaign />} />
                    <Route path="/accounts" element={<Accounts />} />
                    <Route path="/accounts/:platform/:id" element={<Account />} />
                    <Route path="/queue" element={<Queue />} />
                    <Route path="/appeals" element={<Appeals />} />
                    <Route path="/report" element={<Report />} />
                    <Route path="/transparency" element={<Transparency />} />
                    <Route path="*" element={<NotFound />} />
                  </Routes>
                </Suspense>
              </main>
            </div>
          </BrowserRouter>
        </LiveProvider>
      </SessionProvider>
    </ThemeProvider>
  );
};
