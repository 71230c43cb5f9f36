/**
 * Today's rounds at a glance, in the order the daily report reads: health first, then the ten things to
 * fix, then how open findings moved across stored runs, then what the run could not see.
 */
import { useMemo } from 'react';
import type { MetaResponse, OverviewResponse } from '../../server/api';
import { pathOf } from '../api';
import { Chart } from '../components/chart';
import { FindingList } from '../components/finding-list';
import { SEVERITIES, SEVERITY_COLOUR, SeverityBadge } from '../components/severity';
import { Async, Empty } from '../components/states';
import { useApi } from '../hooks';
import { hrefOf } from '../router';

export function OverviewPage({ meta }: { meta: MetaResponse }) {
  const overview = useApi<OverviewResponse>(pathOf('overview'));
  return (
    <Async loaded={overview} what="today's rounds">
      {(o) => <Overview overview={o} meta={meta} />}
    </Async>
  );
}

function Overview({ overview, meta }: { overview: OverviewResponse; meta: MetaResponse }) {
  const { daily } = overview;
  return (
    <>
      <section aria-labelledby="totals-h" className="cards">
        <h2 id="totals-h" className="visually-hidden">
          Totals
        </h2>
        <div className="card">
          <div className="big">{daily.totals.open.toLocaleString('en-US')}</div>
          <a href={hrefOf('findings', { status: 'open' })}>open findings</a>
        </div>
        {SEVERITIES.map((s) => (
          <div className="card" key={s}>
            <div className="big">{(daily.totals.bySeverity[s] ?? 0).toLocaleString('en-US')}</div>
            <a href={hrefOf('findings', { status: 'open', severity: s })}>
              <SeverityBadge severity={s} />
            </a>
          </div>
        ))}
        <div className="card">
          <div className="big">{daily.changes.new.length.toLocaleString('en-US')}</div>
          new since the last run
        </div>
        <div className="card">
          <div className="big">{daily.changes.resolved.length.toLocaleString('en-US')}</div>
          resolved
        </div>
      </section>

      <section aria-labelledby="health-h">
        <h2 id="health-h">Health</h2>
        {daily.health.checks === 0 ? (
          <Empty>Health was not evaluated: the source has no runtime (observed) data.</Empty>
        ) : overview.health.length === 0 ? (
          <p className="ok">All {daily.health.checks.toLocaleString('en-US')} health checks pass.</p>
        ) : (
          <FindingList findings={overview.health} label="Failing health checks" />
        )}
      </section>

      <section aria-labelledby="top-h">
        <h2 id="top-h">The ten things to fix</h2>
        {overview.topTen.length === 0 ? (
          <p className="ok">Nothing open.</p>
        ) : (
          <FindingList findings={overview.topTen} label="The ten things to fix" />
        )}
      </section>

      <section aria-labelledby="trend-h">
        <h2 id="trend-h">Open findings by severity across runs</h2>
        <Trend trend={daily.trend} store={meta.features.store} />
      </section>

      <section aria-labelledby="coverage-h">
        <h2 id="coverage-h">Coverage</h2>
        <Coverage coverage={daily.coverage} />
      </section>
    </>
  );
}

function Trend({ trend, store }: { trend: OverviewResponse['daily']['trend']; store: boolean }) {
  const x = useMemo(() => trend.map((t) => Date.parse(t.startedAt) / 1000), [trend]);
  const series = useMemo(
    () =>
      SEVERITIES.map((s) => ({
        label: s,
        colour: SEVERITY_COLOUR[s],
        values: trend.map((t) => t.failBySeverity[s] ?? 0),
      })),
    [trend],
  );
  if (trend.length === 0) {
    return (
      <Empty>
        {store
          ? 'No run of this scope is recorded yet.'
          : 'No history: the server runs without a database, so runs are not recorded (start it with --db).'}
      </Empty>
    );
  }
  const summary = `Open findings over ${trend.length} run(s); latest: ${trend[trend.length - 1]!.open} open.`;
  return (
    <>
      <Chart label={summary} x={x} series={series} yLabel="open findings" />
      <details>
        <summary>The numbers</summary>
        <table>
          <caption className="visually-hidden">Open findings by severity per run</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Started</th>
              {SEVERITIES.map((s) => (
                <th scope="col" key={s}>
                  {s}
                </th>
              ))}
              <th scope="col">Open</th>
            </tr>
          </thead>
          <tbody>
            {trend.map((t) => (
              <tr key={t.runId}>
                <td>{t.runId}</td>
                <td>{t.startedAt}</td>
                {SEVERITIES.map((s) => (
                  <td key={s} className="num">
                    {t.failBySeverity[s] ?? 0}
                  </td>
                ))}
                <td className="num">{t.open}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

function Coverage({ coverage }: { coverage: OverviewResponse['daily']['coverage'] }) {
  if (coverage.complete)
    return <p className="ok">Complete: every resource was read and every check decided.</p>;
  return (
    <>
      <p className="warn">
        Incomplete: what follows was not read or not decided, so findings there may be missing.
      </p>
      {coverage.gapsByKind.length > 0 && (
        <table>
          <caption>Coverage gaps</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Count</th>
              <th scope="col">Example</th>
            </tr>
          </thead>
          <tbody>
            {coverage.gapsByKind.map((g) => (
              <tr key={g.kind}>
                <td>{g.kind}</td>
                <td className="num">{g.count}</td>
                <td>{g.example}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {coverage.errors.length > 0 && (
        <table>
          <caption>Checks that could not decide</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Count</th>
              <th scope="col">Example</th>
            </tr>
          </thead>
          <tbody>
            {coverage.errors.map((e) => (
              <tr key={e.ruleId}>
                <td>
                  <a href={hrefOf('findings', { rule: e.ruleId, status: 'error' })}>{e.ruleId}</a>
                </td>
                <td className="num">{e.count}</td>
                <td>{e.example}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {coverage.notRun.length > 0 && (
        <>
          <h3>Analyses not run</h3>
          <ul>
            {coverage.notRun.map((n) => (
              <li key={n.analysis}>
                <strong>{n.analysis}</strong>: {n.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {coverage.unevaluatedTypes.length > 0 && (
        <details>
          <summary>
            {coverage.unevaluatedResources.toLocaleString('en-US')} resources of{' '}
            {coverage.unevaluatedTypes.length} types no engine examines
          </summary>
          <ul className="columns">
            {coverage.unevaluatedTypes.map((t) => (
              <li key={t.type}>
                {t.type} ({t.resources})
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
