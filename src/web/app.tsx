import { Suspense, lazy, useEffect, useRef, type MouseEvent } from 'react';
import type { MetaResponse } from '../server/api';
import { pathOf } from './api';
import { ErrorNote, Loading } from './components/states';
import { useApi } from './hooks';
import { FindingsPage } from './pages/findings';
import { PAGES, hrefOf, useRoute, type Route } from './router';

// Findings loads with the shell (it is the page that must render first on a large organisation);
// the others, and the chart library two of them use, load when first opened.
const OverviewPage = lazy(() => import('./pages/overview').then((m) => ({ default: m.OverviewPage })));
const CompliancePage = lazy(() => import('./pages/compliance').then((m) => ({ default: m.CompliancePage })));
const NetworkPage = lazy(() => import('./pages/network').then((m) => ({ default: m.NetworkPage })));
const IamPage = lazy(() => import('./pages/iam').then((m) => ({ default: m.IamPage })));
const LogsPage = lazy(() => import('./pages/logs').then((m) => ({ default: m.LogsPage })));
const CostPage = lazy(() => import('./pages/cost').then((m) => ({ default: m.CostPage })));

export function App() {
  const route = useRoute();
  const meta = useApi<MetaResponse>(pathOf('meta'));
  const title = PAGES.find((p) => p.id === route.page)?.title ?? 'Overview';
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} · cloudrounds`;
  }, [title]);
  // Moving focus to the new page's heading tells screen-reader users the page changed.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [route.page]);

  return (
    <>
      <a className="skip" href="#content" onClick={skipTo}>
        Skip to content
      </a>
      <header className="top">
        <span className="brand">cloudrounds</span>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a href={hrefOf(p.id)} aria-current={p.id === route.page ? 'page' : undefined}>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {meta.state === 'ready' && (
          <span className="source" title={`scope ${meta.data.source.scope}`}>
            {meta.data.source.spec} · {meta.data.snapshot.resources.toLocaleString('en-US')} resources
          </span>
        )}
      </header>
      <main id="content" tabIndex={-1}>
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {meta.state === 'error' && <ErrorNote error={meta.error} what="the server's description" />}
        <Suspense fallback={<Loading what="the page" />}>
          <Page route={route} meta={meta.state === 'ready' ? meta.data : undefined} />
        </Suspense>
      </main>
    </>
  );
}

/** The skip link targets an id; with hash routing the hash is the route, so move focus by hand. */
function skipTo(event: MouseEvent) {
  event.preventDefault();
  document.getElementById('content')?.focus();
}

/** Pages wait for the server's description, except Findings, which asks for its rows at once. */
function Page({ route, meta }: { route: Route; meta: MetaResponse | undefined }) {
  if (route.page === 'findings') return <FindingsPage meta={meta} params={route.params} />;
  if (!meta) return <Loading what="the server's description" />;
  switch (route.page) {
    case 'overview':
      return <OverviewPage meta={meta} />;
    case 'compliance':
      return <CompliancePage params={route.params} />;
    case 'network':
      return <NetworkPage meta={meta} params={route.params} />;
    case 'iam':
      return <IamPage />;
    case 'logs':
      return <LogsPage meta={meta} />;
    case 'cost':
      return <CostPage meta={meta} />;
  }
}
