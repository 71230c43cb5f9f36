/** Compliance: each framework control by control, as the server's compliance answer states them. */
import type { ComplianceResponse } from '../../server/api';
import { pathOf } from '../api';
import { Field } from '../components/field';
import { StatusBadge } from '../components/severity';
import { Async } from '../components/states';
import { useApi } from '../hooks';
import { hrefOf, setParams } from '../router';

const STATUS_LABEL = { pass: 'pass', fail: 'fail', not_evaluated: 'not evaluated' } as const;

export function CompliancePage({ params }: { params: URLSearchParams }) {
  const all = useApi<ComplianceResponse>(pathOf('compliance'));
  const chosen = params.get('framework') ?? undefined;
  const only = params.get('status') ?? undefined;
  return (
    <Async loaded={all} what="the compliance answer">
      {(c) => {
        const framework = c.frameworks.find((f) => f.id === chosen) ?? c.frameworks[0];
        if (!framework) return <p>No framework is mapped.</p>;
        const controls = framework.controls.filter((k) => !only || k.status === only);
        return (
          <>
            <div className="tabs" role="group" aria-label="Framework">
              {c.frameworks.map((f) => (
                <a
                  key={f.id}
                  href={hrefOf('compliance', { framework: f.id })}
                  aria-current={f.id === framework.id ? 'page' : undefined}
                  className="tab"
                >
                  {f.name} {f.version}
                </a>
              ))}
            </div>
            <section aria-labelledby="fw-h">
              <h2 id="fw-h">
                {framework.name} {framework.version}
              </h2>
              <p>
                <span className="badge status-pass">{framework.totals.pass} pass</span>{' '}
                <span className="badge status-fail">{framework.totals.fail} fail</span>{' '}
                <span className="badge status-not-evaluated">
                  {framework.totals.not_evaluated} not evaluated
                </span>{' '}
                <span className="muted small">
                  {framework.complete ? 'Every control is mapped.' : 'Some controls have no mapped rule.'}{' '}
                  Source: {framework.source}
                </span>
              </p>
              <Field label="Show">
                {(id) => (
                  <select
                    id={id}
                    value={only ?? ''}
                    onChange={(e) =>
                      setParams('compliance', {
                        framework: framework.id,
                        status: e.target.value || undefined,
                      })
                    }
                  >
                    <option value="">every control</option>
                    <option value="fail">failing controls</option>
                    <option value="pass">passing controls</option>
                    <option value="not_evaluated">controls not evaluated</option>
                  </select>
                )}
              </Field>
              <table className="controls">
                <caption className="visually-hidden">Controls of {framework.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Control</th>
                    <th scope="col">Title</th>
                    <th scope="col">Status</th>
                    <th scope="col">Open findings</th>
                    <th scope="col">Rules</th>
                  </tr>
                </thead>
                <tbody>
                  {controls.map((k) => (
                    <tr key={k.id}>
                      <th scope="row">{k.id}</th>
                      <td>{k.title}</td>
                      <td>
                        <StatusBadge status={STATUS_LABEL[k.status]} />
                      </td>
                      <td className="num">
                        {k.failing > 0 ? (
                          <a
                            href={hrefOf('findings', { control: `${framework.id}:${k.id}`, status: 'open' })}
                          >
                            {k.failing}
                          </a>
                        ) : (
                          0
                        )}
                      </td>
                      <td className="small">
                        {k.rules.length === 0
                          ? 'no mapped rule'
                          : k.rules.map((r) => (
                              <div key={r.id}>
                                <code>{r.id}</code> {STATUS_LABEL[r.status]} ({r.examined} examined
                                {r.failing ? `, ${r.failing} failing` : ''}
                                {r.suppressed ? `, ${r.suppressed} suppressed` : ''}
                                {r.errors ? `, ${r.errors} undecided` : ''})
                              </div>
                            ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        );
      }}
    </Async>
  );
}
