/**
 * Network: the VPC map of one account / region, a reach form whose answer (the `reach --json`
 * document) is listed hop by hop and marked on the map, and the internet-exposure overlay.
 */
import { useMemo, useState, type FormEvent } from 'react';
import type { DiagramResponse, ExposureResponse, MetaResponse, ReachResponse } from '../../server/api';
import { ApiError, getJson, pathOf } from '../api';
import { Async, Empty } from '../components/states';
import { VpcMap, type Mark } from '../components/vpc-map';
import { useApi } from '../hooks';
import { setParams } from '../router';
import { Field, TextField } from '../components/field';

type Hop = ReachResponse['forward'][number];
type Component = Hop['component'];

const componentName = (c: Component) => (c.name && c.name !== c.id ? `${c.name} (${c.id})` : c.id);

export function NetworkPage({ meta, params }: { meta: MetaResponse; params: URLSearchParams }) {
  const account = params.get('account') ?? undefined;
  const region = params.get('region') ?? undefined;
  const diagram = useApi<DiagramResponse>(pathOf('diagram', { account, region }));
  const [reach, setReach] = useState<
    | { state: 'idle' }
    | { state: 'running' }
    | { state: 'done'; answer: ReachResponse }
    | { state: 'error'; message: string }
  >({ state: 'idle' });
  const [overlay, setOverlay] = useState(false);
  const exposure = useApi<ExposureResponse>(overlay ? pathOf('exposure') : null);
  const [form, setForm] = useState({ from: '', to: '', protocol: 'tcp', port: '443' });

  const { marks, edgeMarks } = useMemo(() => {
    const marks = new Map<string, Mark>();
    const edgeMarks = new Map<string, Mark>();
    if (overlay && exposure.state === 'ready') {
      for (const e of exposure.data.exposures) marks.set(e.component.id, 'exposed');
    }
    if (reach.state === 'done') {
      for (const hop of [...reach.answer.forward, ...reach.answer.return]) {
        marks.set(hop.component.id, 'path');
        edgeMarks.set(hop.component.id, 'path');
      }
      for (const x of reach.answer.explanations) {
        marks.set(x.component.id, 'blocked');
        edgeMarks.set(x.component.id, 'blocked');
      }
    }
    return { marks, edgeMarks };
  }, [reach, overlay, exposure]);

  const run = (event: FormEvent) => {
    event.preventDefault();
    setReach({ state: 'running' });
    const port = form.protocol === 'tcp' || form.protocol === 'udp' ? form.port : undefined;
    getJson<ReachResponse>(
      pathOf('reach', { from: form.from.trim(), to: form.to.trim(), protocol: form.protocol, port }),
    ).then(
      (answer) => setReach({ state: 'done', answer }),
      (e: unknown) => setReach({ state: 'error', message: ApiError.from(e).message }),
    );
  };

  const candidates = useMemo(() => {
    if (diagram.state !== 'ready') return [];
    const seen = new Set<string>();
    const out: string[] = [];
    for (const n of diagram.data.layout.nodes) {
      if (n.container || !n.resourceId) continue;
      const name = n.label || n.resourceId;
      if (!seen.has(name)) {
        seen.add(name);
        out.push(name);
      }
    }
    return out.sort();
  }, [diagram]);

  return (
    <div className="network">
      <form className="filters" aria-label="Map scope" onSubmit={(e) => e.preventDefault()}>
        <Field label="Account">
          {(id) => (
            <select
              id={id}
              value={account ?? ''}
              onChange={(e) => setParams('network', { account: e.target.value || undefined, region })}
            >
              <option value="">all</option>
              {meta.snapshot.accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name ? `${a.name} (${a.id})` : a.id}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Region">
          {(id) => (
            <select
              id={id}
              value={region ?? ''}
              onChange={(e) => setParams('network', { account, region: e.target.value || undefined })}
            >
              <option value="">all</option>
              {meta.snapshot.regions.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="check">
          <input type="checkbox" checked={overlay} onChange={(e) => setOverlay(e.target.checked)} /> Internet
          exposure
        </label>
      </form>

      <form className="filters reach" aria-labelledby="reach-h" onSubmit={run}>
        <h2 id="reach-h">Reach</h2>
        <TextField
          label="From"
          value={form.from}
          onValue={(from) => setForm({ ...form, from })}
          name="from"
          list="reach-candidates"
          required
          placeholder="name, id, internet or IP"
        />
        <TextField
          label="To"
          value={form.to}
          onValue={(to) => setForm({ ...form, to })}
          name="to"
          list="reach-candidates"
          required
          placeholder="name, id, internet or IP"
        />
        <Field label="Protocol">
          {(id) => (
            <select
              id={id}
              name="protocol"
              value={form.protocol}
              onChange={(e) => setForm({ ...form, protocol: e.target.value })}
            >
              <option value="tcp">tcp</option>
              <option value="udp">udp</option>
              <option value="icmp">icmp</option>
              <option value="all">all</option>
            </select>
          )}
        </Field>
        <Field label="Port">
          {(id) => (
            <input
              id={id}
              name="port"
              type="number"
              min={0}
              max={65535}
              value={form.port}
              disabled={form.protocol !== 'tcp' && form.protocol !== 'udp'}
              onChange={(e) => setForm({ ...form, port: e.target.value })}
            />
          )}
        </Field>
        <button type="submit" disabled={reach.state === 'running'}>
          Run reach
        </button>
        <datalist id="reach-candidates">
          <option value="internet" />
          {candidates.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </form>

      <ReachResult reach={reach} />

      <section aria-labelledby="map-h">
        <h2 id="map-h">VPC map</h2>
        <p className="small muted legend">
          <span className="key key-path">→ on the path</span>{' '}
          <span className="key key-blocked">✕ blocks</span>{' '}
          <span className="key key-exposed">⚠ reachable from the internet</span> Click a resource to use it as
          the source, then the destination.
        </p>
        <Async loaded={diagram} what="the VPC map">
          {(d) =>
            d.layout.nodes.length === 0 ? (
              <Empty>No VPC in this selection.</Empty>
            ) : (
              <VpcMap
                layout={d.layout}
                marks={marks}
                edgeMarks={edgeMarks}
                onPick={(n) => {
                  const value = n.label || n.resourceId || '';
                  setForm((f) =>
                    f.from === '' || (f.from !== '' && f.to !== '')
                      ? { ...f, from: value, to: '' }
                      : { ...f, to: value },
                  );
                }}
              />
            )
          }
        </Async>
      </section>
      {overlay && (
        <section aria-labelledby="exposure-h">
          <h2 id="exposure-h">Internet exposure</h2>
          <Async loaded={exposure} what="the exposure answer">
            {(x) => <ExposureList exposure={x} />}
          </Async>
        </section>
      )}
    </div>
  );
}

function ReachResult({
  reach,
}: {
  reach:
    | { state: 'idle' }
    | { state: 'running' }
    | { state: 'done'; answer: ReachResponse }
    | { state: 'error'; message: string };
}) {
  if (reach.state === 'idle') return null;
  if (reach.state === 'running')
    return (
      <p role="status" className="muted">
        Asking…
      </p>
    );
  if (reach.state === 'error')
    return (
      <p role="alert" className="error">
        {reach.message}
      </p>
    );
  const a = reach.answer;
  return (
    <section aria-labelledby="verdict-h" className="reach-result" data-reachable={a.reachable}>
      <h3 id="verdict-h" role="status" className={a.reachable ? 'ok' : 'bad'}>
        {a.reachable ? 'Reachable' : 'Not reachable'}
      </h3>
      {a.explanations.length > 0 && (
        <ul className="explanations" aria-label="What blocks">
          {a.explanations.map((x, i) => (
            <li key={i} data-component={x.component.id}>
              <code>{x.code}</code> at <strong>{componentName(x.component)}</strong>
              {x.path ? ` (${x.path} path${x.direction ? `, ${x.direction}` : ''})` : ''}: {x.detail}
              {x.fix && <div className="small">Fix: {x.fix}</div>}
            </li>
          ))}
        </ul>
      )}
      <div className="hops">
        <Hops label="Forward path" hops={a.forward} />
        <Hops label="Return path" hops={a.return} />
      </div>
      {a.notes && a.notes.length > 0 && (
        <ul className="small muted">
          {a.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Hops({ label, hops }: { label: string; hops: readonly Hop[] }) {
  return (
    <div>
      <h4>{label}</h4>
      {hops.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <ol className="hop-list" aria-label={label}>
          {hops.map((h, i) => (
            <li key={i} data-component={h.component.id} data-kind={h.kind}>
              <span className="muted">{h.kind}</span> <strong>{componentName(h.component)}</strong>
              {h.direction ? ` ${h.direction}` : ''}
              {h.matched && <div className="small">{h.matched}</div>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function ExposureList({ exposure }: { exposure: ExposureResponse }) {
  if (exposure.exposures.length === 0) return <p className="ok">Nothing is reachable from the internet.</p>;
  return (
    <table>
      <caption className="visually-hidden">Resources reachable from the internet</caption>
      <thead>
        <tr>
          <th scope="col">Resource</th>
          <th scope="col">Public IP</th>
          <th scope="col">From</th>
          <th scope="col">Protocol / ports</th>
        </tr>
      </thead>
      <tbody>
        {exposure.exposures.map((e, i) => (
          <tr key={i}>
            <td>{componentName(e.component)}</td>
            <td>{e.publicIp ?? ''}</td>
            <td>{e.from}</td>
            <td>
              {e.protocol}
              {e.ports
                ? ` ${e.ports.from === e.ports.to ? e.ports.from : `${e.ports.from}-${e.ports.to}`}`
                : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
