/** IAM: the simulate and who-can forms (the CLI's own parameters) and the escalation paths as a graph. */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { EscalationResponse, SimulateResponse, WhoCanResponse } from '../../server/api';
import { ApiError, pathOf, postJson } from '../api';
import { EscalationGraph } from '../components/escalation-graph';
import { Table } from '../components/table';
import { Async, Empty } from '../components/states';
import { useApi } from '../hooks';
import { Field, TextField } from '../components/field';

type Call<T> =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; answer: T }
  | { state: 'error'; message: string };

/** `key=value` per line; a key given twice becomes a list, as `--context k=v k=w` does on the CLI. */
function parseContext(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const key = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    const prior = out[key];
    out[key] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  return out;
}

function useCall<T>() {
  const [call, setCall] = useState<Call<T>>({ state: 'idle' });
  const run = (route: 'simulate' | 'whoCan', body: unknown) => {
    setCall({ state: 'running' });
    postJson<T>(pathOf(route), body).then(
      (answer) => setCall({ state: 'done', answer }),
      (e: unknown) => setCall({ state: 'error', message: ApiError.from(e).message }),
    );
  };
  return [call, run] as const;
}

function CallState<T>({ call, children }: { call: Call<T>; children: (answer: T) => ReactNode }) {
  if (call.state === 'idle') return null;
  if (call.state === 'running') return <p className="muted">Evaluating…</p>;
  if (call.state === 'error')
    return (
      <p role="alert" className="error">
        {call.message}
      </p>
    );
  return <>{children(call.answer)}</>;
}

export function IamPage() {
  return (
    <>
      <Simulate />
      <WhoCan />
      <Escalation />
    </>
  );
}

function Simulate() {
  const [form, setForm] = useState({ principal: '', action: '', resource: '*', context: '' });
  const [call, run] = useCall<SimulateResponse>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run('simulate', {
      principal: form.principal.trim(),
      action: form.action.trim(),
      resource: form.resource.trim(),
      context: parseContext(form.context),
    });
  };
  return (
    <section aria-labelledby="sim-h">
      <h2 id="sim-h">Simulate a call</h2>
      <form className="filters" onSubmit={submit} aria-labelledby="sim-h">
        <TextField
          label="Principal"
          value={form.principal}
          onValue={(principal) => setForm({ ...form, principal })}
          required
          placeholder="user or role name, ARN"
        />
        <TextField
          label="Action"
          value={form.action}
          onValue={(action) => setForm({ ...form, action })}
          required
          placeholder="s3:GetObject"
        />
        <TextField
          label="Resource"
          value={form.resource}
          onValue={(resource) => setForm({ ...form, resource })}
          required
          placeholder="ARN or *"
        />
        <Field label="Context (key=value per line)">
          {(id) => (
            <textarea
              id={id}
              rows={2}
              value={form.context}
              placeholder="aws:SourceIp=203.0.113.5"
              onChange={(e) => setForm({ ...form, context: e.target.value })}
            />
          )}
        </Field>
        <button type="submit">Simulate</button>
      </form>
      <CallState call={call}>
        {(a) => (
          <div className="answer">
            <p role="status">
              <strong className={a.decision === 'Allowed' ? 'ok' : 'bad'}>{a.decision}</strong>:{' '}
              {a.principal.arn} calling <code>{a.action}</code> on <code>{a.resource}</code>
            </p>
            {a.decidingStatements.length > 0 && (
              <Table
                caption="Deciding statements"
                head={['Effect', 'Policy', 'Type', 'Sid', 'Attached to']}
                rows={a.decidingStatements.map((s) => [
                  s.effect,
                  s.policy,
                  s.policyType,
                  s.sid ?? '',
                  s.attachedTo ?? '',
                ])}
              />
            )}
            <ul>
              {a.explanation.map((x, i) => (
                <li key={i}>{x}</li>
              ))}
              {a.missingContextKeys.length > 0 && (
                <li>Missing context keys: {a.missingContextKeys.join(', ')}</li>
              )}
              {a.notes.map((n, i) => (
                <li key={`n${i}`} className="muted">
                  {n}
                </li>
              ))}
            </ul>
          </div>
        )}
      </CallState>
    </section>
  );
}

function WhoCan() {
  const [form, setForm] = useState({ action: '', resource: '' });
  const [call, run] = useCall<WhoCanResponse>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run('whoCan', { action: form.action.trim(), resource: form.resource.trim() });
  };
  return (
    <section aria-labelledby="who-h">
      <h2 id="who-h">Who can</h2>
      <form className="filters" onSubmit={submit} aria-labelledby="who-h">
        <TextField
          label="Action"
          value={form.action}
          onValue={(action) => setForm({ ...form, action })}
          required
          placeholder="s3:GetObject"
        />
        <TextField
          label="Resource"
          value={form.resource}
          onValue={(resource) => setForm({ ...form, resource })}
          required
          placeholder="arn:aws:s3:::bucket/*"
        />
        <button type="submit">Ask</button>
      </form>
      <CallState call={call}>
        {(a) =>
          a.principals.length === 0 ? (
            <Empty>
              No principal may call {a.action} on {a.resource}.
            </Empty>
          ) : (
            <>
              <Table
                caption={`Principals that may call ${a.action} on ${a.resource}`}
                head={['Kind', 'Principal', 'Account', 'Conditional', 'Via', 'Granted by']}
                rows={a.principals.map((p) => [
                  p.kind,
                  p.name,
                  `${p.account}${p.external ? ' (outside the snapshot)' : ''}`,
                  p.conditional ? `yes: ${p.conditionKeys.join(', ')}` : 'no',
                  p.via.join(', '),
                  p.grantPath.map((s) => `${s.policy}${s.sid ? `#${s.sid}` : ''}`).join('; '),
                ])}
              />
              {a.notes.length > 0 && (
                <ul className="small muted">
                  {a.notes.map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
                </ul>
              )}
            </>
          )
        }
      </CallState>
    </section>
  );
}

function Escalation() {
  const answer = useApi<EscalationResponse>(pathOf('escalation'));
  return (
    <section aria-labelledby="esc-h">
      <h2 id="esc-h">Privilege-escalation paths</h2>
      <Async loaded={answer} what="the escalation paths">
        {(a) =>
          a.paths.length === 0 ? (
            <Empty>No principal can escalate to administrator or to another principal.</Empty>
          ) : (
            <>
              <EscalationGraph paths={a.paths} />
              <ol className="paths">
                {a.paths.map((p, i) => (
                  <li key={i}>
                    <strong>{p.principal.name}</strong> ({p.principal.kind}, {p.principal.account}): {p.title}
                    . {p.summary}
                  </li>
                ))}
              </ol>
              {a.admins.length > 0 && (
                <details>
                  <summary>{a.admins.length} principals are already administrators</summary>
                  <ul>
                    {a.admins.map((x) => (
                      <li key={x}>{x}</li>
                    ))}
                  </ul>
                </details>
              )}
              {a.notEvaluated.length > 0 && (
                <details>
                  <summary>{a.notEvaluated.length} techniques not evaluated</summary>
                  <ul>
                    {a.notEvaluated.map((n) => (
                      <li key={n.technique}>
                        {n.technique}: {n.reason}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          )
        }
      </Async>
    </section>
  );
}
