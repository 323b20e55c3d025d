import { Suspense, useEffect, useRef, useState } from 'react';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { NotAllowed } from '../components/NotAllowed';
import { NotificationBell, NotificationsProvider } from '../notifications/Notifications';
import { useSession } from '../session/session';
import { Link, matchPath, navigate, ParamsContext, useLocationPath } from './router';
import { homeOf, routes, type RouteDef } from './routes';
import NotFound from '../pages/NotFound';

const ENROL_PATH = '/account/security';

/** The shell: skip link, header (brand, area navigation, bell, sign out), main, footer. */
export function App() {
  const session = useSession();
  const path = useLocationPath();

  const found = findRoute(path);
  const me = session.me;
  // A role that must have a second factor, none set up yet: every API call but enrolment answers 403, so
  // the app offers only the security page (no navigation, no notification stream) until one is set up.
  const mustEnrol = !!me?.mfa && me.mfa.required && !me.mfa.totp && me.mfa.passkeys === 0;
  const home = me ? (mustEnrol ? ENROL_PATH : homeOf(me.role)) : '/sign-in';

  // Redirects: "/" and signed-in users on public pages go home; protected pages need a session.
  let redirect: string | null = null;
  if (session.status !== 'starting') {
    if (path === '/') redirect = home;
    else if (mustEnrol && path !== ENROL_PATH) redirect = ENROL_PATH;
    else if (found && !found.route.roles && me) redirect = session.returnTo && session.returnTo !== path ? session.returnTo : home;
    else if (found?.route.roles && !me) redirect = '/sign-in';
  }
  useEffect(() => {
    if (!redirect) return;
    if (redirect === '/sign-in' && path !== '/') session.setReturnTo(path);
    else if (me && session.returnTo) session.setReturnTo(null);
    navigate(redirect, { replace: true });
  });

  let content;
  if (session.status === 'starting' || redirect) {
    content = <p className="loading" aria-live="polite">Loading…</p>;
  } else if (!found) {
    content = <NotFound />;
  } else if (found.route.roles && me && !found.route.roles.includes(me.role)) {
    content = <NotAllowed roles={found.route.roles} />;
  } else {
    const Page = found.route.page;
    content = (
      <ParamsContext.Provider value={found.params}>
        <Suspense fallback={<p className="loading" aria-live="polite">Loading…</p>}>
          <Page />
        </Suspense>
      </ParamsContext.Provider>
    );
  }

  const shell = (
    <>
      <a className="skip-link" href="#main">Skip to main content</a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to={home} className="brand">Therapy <span className="brand__rest">Management</span></Link>
          {me && !mustEnrol && <AreaNav role={me.role} path={path} />}
          <div className="site-header__tools">
            {me ? (
              <>
                {!mustEnrol && <NotificationBell />}
                <button type="button" className="link-button" onClick={() => void session.signOut()} data-testid="sign-out">
                  Sign out
                </button>
              </>
            ) : (
              <Link to={path === '/sign-up' ? '/sign-in' : '/sign-up'}>{path === '/sign-up' ? 'Sign in' : 'Create an account'}</Link>
            )}
          </div>
        </div>
      </header>
      <ConnectionBanner />
      <main id="main" tabIndex={-1} className="main">
        {content}
      </main>
      <footer className="site-footer">
        <p>Your journal and notes are private unless you share them. This app keeps nothing in your browser's storage.</p>
      </footer>
    </>
  );
  return me && !mustEnrol ? <NotificationsProvider key={me.userId}>{shell}</NotificationsProvider> : shell;
}

function AreaNav({ role, path }: { role: string; path: string }) {
  // The area's own pages first, then the pages every role shares (account).
  const items = routes
    .filter((r) => r.nav && r.roles?.includes(role as never))
    .sort((a, b) => (a.roles!.length > 1 ? 1 : 0) - (b.roles!.length > 1 ? 1 : 0));
  // Below 60rem the list folds behind a disclosure button, so a phone's header stays one line high.
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <nav aria-label="Main" className={open ? 'area-nav area-nav--open' : 'area-nav'}>
      <button
        type="button"
        ref={toggle}
        className="area-nav__toggle"
        aria-expanded={open}
        aria-controls="area-nav-list"
        onClick={() => setOpen((o) => !o)}
        data-testid="menu-button"
      >
        <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
          <path fill="currentColor" d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
        </svg>
        <span className="area-nav__label">Menu</span>
      </button>
      <ul id="area-nav-list">
        {items.map((r) => (
          <li key={r.path}>
            <Link to={r.path} aria-current={r.path === path ? 'page' : undefined}>{r.nav}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function findRoute(path: string): { route: RouteDef; params: Record<string, string> } | null {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const route of routes) {
    const params = matchPath(route.path, normalised);
    if (params) return { route, params };
  }
  return null;
}
