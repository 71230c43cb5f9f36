/**
 * Logs: the named questions (the CLI's `logs` questions), a read-only SQL box, the built-in detections,
 * and an incident timeline (the `timeline` question's rows in time order). Without ingested logs the
 * server answers 409, so the page says how to ingest instead of showing empty tables.
 */
import { useState, type FormEvent } from 'react';
import type {
  DetectionsResponse,
  LogQueryResponse,
  LogQuestionResponse,
  MetaResponse,
} from '../../server/api';
import { ApiError, getJson, pathOf, postJson } from '../api';
import { SeverityBadge } from '../components/severity';
import { Async, Empty } from '../components/states';
import { Table } from '../components/table';
import { useApi } from '../hooks';
import { Field } from '../components/field';

/** The parameters each named question takes (its CLI flags); see src/questions/logs.ts. */
const QUESTION_FIELDS: Record<string, ReadonlyArray<{ name: string; label: string; placeholder: string }>> = {
  who: [{ name: 'resource', label: 'Resource', placeholder: 'sg-0123 or a bucket name' }],
  timeline: [{ name: 'principal', label: 'Principal', placeholder: 'alice or an ARN' }],
  rejected: [
    { name: 'ip', label: 'IP address', placeholder: '10.0.1.5' },
    { name: 'eni', label: 'Network interface', placeholder: 'eni-0123' },
  ],
  'top-talkers': [{ name: 'by', label: 'By (pair or source)', placeholder: 'pair' }],
  denied: [{ name: 'min', label: 'At least (denials)', placeholder: '1' }],
};

type Call<T> =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; answer: T }
  | { state: 'error'; message: string };

export function LogsPage({ meta }: { meta: MetaResponse }) {
  if (!meta.features.logs) {
    return (
      <Empty>
        <h2>No logs ingested</h2>
        <p>
          The log questions, detections and timelines read CloudTrail, VPC Flow Logs, S3 access logs and ALB
          logs from the database. Ingest them, then start the dashboard on the same database:
        </p>
        <pre tabIndex={0}>
          <code>
            {
              'cloudrounds logs ingest PATH --db cloudrounds.duckdb\ncloudrounds serve --db cloudrounds.duckdb'
            }
          </code>
        </pre>
      </Empty>
    );
  }
  return (
    <>
      <Questions meta={meta} />
      <Sql />
      <Detections />
    </>
  );
}

function rowsTable(
  caption: string,
  rows: ReadonlyArray<Record<string, unknown>>,
  columns?: readonly string[],
) {
  if (rows.length === 0) return <Empty>No rows.</Empty>;
  const head = columns ?? Object.keys(rows[0]!);
  return (
    <Table
      caption={caption}
      head={head}
      rows={rows.map((r) => head.map((h) => (r[h] === null || r[h] === undefined ? '' : String(r[h]))))}
    />
  );
}

function Questions({ meta }: { meta: MetaResponse }) {
  const [question, setQuestion] = useState(meta.logQuestions[0]?.name ?? 'timeline');
  const [values, setValues] = useState<Record<string, string>>({});
  const [call, setCall] = useState<Call<LogQuestionResponse>>({ state: 'idle' });
  const fields = QUESTION_FIELDS[question] ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCall({ state: 'running' });
    const query: Record<string, string> = { question };
    for (const f of fields) if (values[f.name]?.trim()) query[f.name] = values[f.name]!.trim();
    getJson<LogQuestionResponse>(pathOf('logQuestion', query)).then(
      (answer) => setCall({ state: 'done', answer }),
      (err: unknown) => setCall({ state: 'error', message: ApiError.from(err).message }),
    );
  };
  return (
    <section aria-labelledby="q-h">
      <h2 id="q-h">Questions</h2>
      <form className="filters" onSubmit={submit} aria-labelledby="q-h">
        <Field label="Question">
          {(id) => (
            <select id={id} value={question} onChange={(e) => setQuestion(e.target.value)}>
              {meta.logQuestions.map((q) => (
                <option key={q.name} value={q.name}>
                  {q.name}: {q.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        {fields.map((f) => (
          <Field key={f.name} label={f.label}>
            {(id) => (
              <input
                id={id}
                name={f.name}
                value={values[f.name] ?? ''}
                placeholder={f.placeholder}
                onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
              />
            )}
          </Field>
        ))}
        <button type="submit">Ask</button>
      </form>
      {call.state === 'running' && <p className="muted">Querying…</p>}
      {call.state === 'error' && (
        <p role="alert" className="error">
          {call.message}
        </p>
      )}
      {call.state === 'done' &&
        (call.answer.question === 'timeline' ? (
          <Timeline answer={call.answer} />
        ) : (
          rowsTable(call.answer.title, call.answer.rows)
        ))}
    </section>
  );
}

/** The incident timeline: one entry per event, oldest first, with who and from where. */
function Timeline({ answer }: { answer: LogQuestionResponse }) {
  if (answer.rows.length === 0) return <Empty>No event for this principal.</Empty>;
  const timeOf = (r: Record<string, unknown>) => String(r.eventTime ?? r.time ?? r.start ?? '');
  const rows = [...answer.rows].sort((a, b) => timeOf(a).localeCompare(timeOf(b)));
  return (
    <ol className="timeline" aria-label={answer.title}>
      {rows.map((r, i) => (
        <li key={i}>
          <time>{timeOf(r)}</time> <strong>{String(r.eventName ?? r.action ?? '')}</strong>{' '}
          <span className="muted small">
            {Object.entries(r)
              .filter(
                ([k, v]) =>
                  !['eventTime', 'eventName'].includes(k) && v !== null && v !== undefined && v !== '',
              )
              .map(([k, v]) => `${k}: ${String(v)}`)
              .join(' · ')}
          </span>
        </li>
      ))}
    </ol>
  );
}

function Sql() {
  const [sql, setSql] = useState(
    'SELECT eventName, count(*) AS n FROM cloudtrail GROUP BY 1 ORDER BY n DESC LIMIT 20',
  );
  const [call, setCall] = useState<Call<LogQueryResponse>>({ state: 'idle' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCall({ state: 'running' });
    postJson<LogQueryResponse>(pathOf('logQuery'), { sql }).then(
      (answer) => setCall({ state: 'done', answer }),
      (err: unknown) => setCall({ state: 'error', message: ApiError.from(err).message }),
    );
  };
  return (
    <section aria-labelledby="sql-h">
      <h2 id="sql-h">Query</h2>
      <form onSubmit={submit} className="sql" aria-labelledby="sql-h">
        <Field label="Read-only SQL over the log tables">
          {(id) => (
            <textarea
              id={id}
              rows={3}
              value={sql}
              onChange={(e) => setSql(e.target.value)}
              spellCheck={false}
            />
          )}
        </Field>
        <button type="submit">Run</button>
      </form>
      {call.state === 'running' && <p className="muted">Querying…</p>}
      {call.state === 'error' && (
        <p role="alert" className="error">
          {call.message}
        </p>
      )}
      {call.state === 'done' && rowsTable('Query result', call.answer.rows, call.answer.columns)}
    </section>
  );
}

function Detections() {
  const answer = useApi<DetectionsResponse>(pathOf('detections'));
  return (
    <section aria-labelledby="det-h">
      <h2 id="det-h">Detections</h2>
      <Async loaded={answer} what="the detections">
        {(d) => {
          const hits = d.detections.filter((x) => x.matches.length > 0);
          return hits.length === 0 ? (
            <p className="ok">No detection matched ({d.detections.length} run).</p>
          ) : (
            <ul className="detections">
              {hits.map((x) => (
                <li key={x.id}>
                  <SeverityBadge severity={x.level === 'informational' ? 'info' : x.level} />{' '}
                  <strong>{x.title}</strong> ({x.matches.length} events)
                  <details>
                    <summary>Events</summary>
                    {rowsTable(x.title, x.matches)}
                  </details>
                </li>
              ))}
            </ul>
          );
        }}
      </Async>
    </section>
  );
}
