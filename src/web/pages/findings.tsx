/**
 * Findings: filters in the address (shareable), a virtualised table paged from the server (which
 * filters, groups and counts: the page never holds more than the rows in view), and the detail of one
 * finding with its remediation and a suppression form that writes `.cloudrounds.yaml` on the server.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type {
  FindingDetailResponse,
  FindingsGroup,
  FindingsResponse,
  MetaResponse,
  SuppressResponse,
} from '../../server/api';
import { ApiError, pathOf, postJson } from '../api';
import { resourceLabel, type FindingJson } from '../components/finding-list';
import { SEVERITIES, SeverityBadge, StatusBadge } from '../components/severity';
import { Async, Empty, Loading } from '../components/states';
import { VirtualTable, type Column } from '../components/virtual-table';
import { useApi } from '../hooks';
import { usePagedRows } from '../paged';
import { setParams } from '../router';
import { Field } from '../components/field';

const PAGE = 200;
/** Browsers cap an element's height near 33 million pixels; past this many rows, ask for a filter. */
const MAX_ROWS = 900_000;
const FILTERS = [
  'account',
  'region',
  'category',
  'severity',
  'rule',
  'control',
  'status',
  'resource',
  'q',
  'groupBy',
] as const;
type Filter = (typeof FILTERS)[number];

export function FindingsPage({ meta, params }: { meta: MetaResponse | undefined; params: URLSearchParams }) {
  const filters = useMemo(() => {
    const f: Partial<Record<Filter, string>> = {};
    for (const name of FILTERS) {
      const v = params.get(name);
      if (v) f[name] = v;
    }
    return f;
  }, [params]);
  const key = params.get('key') ?? undefined;
  const update = useCallback(
    (next: Partial<Record<Filter | 'key', string | undefined>>) =>
      setParams('findings', { ...filters, key, ...next }),
    [filters, key],
  );
  const basePath = pathOf('findings', { ...filters, groupBy: filters.groupBy ?? 'none' });
  const first = useApi<FindingsResponse>(
    `${basePath}${basePath.includes('?') ? '&' : '?'}offset=0&limit=${PAGE}`,
  );

  return (
    <div className="findings">
      {meta ? <FilterForm meta={meta} filters={filters} update={update} /> : <Loading what="the filters" />}
      <div className="findings-body">
        <section aria-labelledby="results-h" className="results">
          <h2 id="results-h" className="visually-hidden">
            Results
          </h2>
          <Async loaded={first} what="the findings">
            {(page) => (
              <Results
                page={page}
                basePath={basePath}
                selectedKey={key}
                onOpen={(k) => update({ key: k })}
                onGroup={(g) =>
                  update(
                    g.ruleId
                      ? { rule: g.ruleId, groupBy: undefined }
                      : { resource: g.resource?.id ?? g.label, groupBy: undefined },
                  )
                }
              />
            )}
          </Async>
        </section>
        {key && (
          <Detail
            key={key}
            findingKey={key}
            onClose={() => update({ key: undefined })}
            onChanged={first.reload}
          />
        )}
      </div>
    </div>
  );
}

function FilterForm({
  meta,
  filters,
  update,
}: {
  meta: MetaResponse;
  filters: Partial<Record<Filter, string>>;
  update: (next: Partial<Record<Filter, string | undefined>>) => void;
}) {
  const [q, setQ] = useState(filters.q ?? '');
  // The address can change the search too (a link, a group, Clear): follow it.
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  const select = (name: Filter, label: string, options: ReadonlyArray<{ value: string; label: string }>) => (
    <Field label={label}>
      {(id) => (
        <select
          id={id}
          name={name}
          value={filters[name] ?? ''}
          onChange={(e) => update({ [name]: e.target.value || undefined })}
        >
          <option value="">{name === 'groupBy' ? 'no grouping' : 'all'}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const plain = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
  return (
    <form
      className="filters"
      aria-label="Filter findings"
      onSubmit={(e) => {
        e.preventDefault();
        update({ q: q.trim() || undefined });
      }}
    >
      {select(
        'account',
        'Account',
        meta.snapshot.accounts.map((a) => ({ value: a.id, label: a.name ? `${a.name} (${a.id})` : a.id })),
      )}
      {select('region', 'Region', plain(meta.snapshot.regions))}
      {select('category', 'Category', plain(meta.categories))}
      {select('severity', 'Severity', plain(meta.severities))}
      {select('status', 'Status', plain(['open', 'suppressed', 'error']))}
      {select(
        'rule',
        'Rule',
        meta.rules.map((r) => ({ value: r.id, label: r.id })),
      )}
      <Field label="Resource id">
        {(id) => (
          <input
            id={id}
            key={filters.resource ?? ''}
            defaultValue={filters.resource ?? ''}
            placeholder="exact id"
            onBlur={(e) => update({ resource: e.target.value.trim() || undefined })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                update({ resource: e.currentTarget.value.trim() || undefined });
              }
            }}
          />
        )}
      </Field>
      <Field label="Framework control">
        {(id) => (
          <>
            <input
              id={id}
              list="controls"
              key={filters.control ?? ''}
              defaultValue={filters.control ?? ''}
              placeholder="aws-fsbp:S3.8"
              onBlur={(e) => update({ control: e.target.value.trim() || undefined })}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  update({ control: e.currentTarget.value.trim() || undefined });
                }
              }}
            />
            <datalist id="controls">
              {meta.frameworks.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </datalist>
          </>
        )}
      </Field>
      {select('groupBy', 'Group by', [
        { value: 'rule', label: 'rule' },
        { value: 'resource', label: 'resource' },
      ])}
      <Field label="Search">
        {(id) => (
          <input
            id={id}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="id, name, reason"
          />
        )}
      </Field>
      <button type="submit">Apply</button>
      <button
        type="button"
        onClick={() => {
          setQ('');
          update(Object.fromEntries(FILTERS.map((f) => [f, undefined])));
        }}
      >
        Clear
      </button>
    </form>
  );
}

const FINDING_COLUMNS: ReadonlyArray<Column<FindingJson>> = [
  {
    id: 'severity',
    header: 'Severity',
    width: '6.5rem',
    cell: (f) => <SeverityBadge severity={f.severity} />,
  },
  {
    id: 'status',
    header: 'Status',
    width: '8.5rem',
    cell: (f) => <StatusBadge status={f.suppressed ? 'suppressed' : f.status} />,
  },
  { id: 'rule', header: 'Rule', width: 'minmax(10rem, 1.2fr)', cell: (f) => f.ruleId },
  {
    id: 'resource',
    header: 'Resource',
    width: 'minmax(10rem, 1.2fr)',
    cell: (f) => f.resource.name ?? f.resource.id,
  },
  {
    id: 'where',
    header: 'Account / region',
    width: '11rem',
    cell: (f) => `${f.resource.account} ${f.resource.region}`,
  },
  { id: 'reason', header: 'Reason', width: 'minmax(12rem, 2fr)', cell: (f) => f.reason },
];

const GROUP_COLUMNS: ReadonlyArray<Column<FindingsGroup>> = [
  { id: 'severity', header: 'Worst', width: '6.5rem', cell: (g) => <SeverityBadge severity={g.severity} /> },
  { id: 'label', header: 'Group', width: 'minmax(14rem, 2fr)', cell: (g) => g.label },
  { id: 'count', header: 'Findings', width: '6rem', cell: (g) => g.count.toLocaleString('en-US') },
  {
    id: 'by',
    header: 'By severity',
    width: 'minmax(12rem, 1fr)',
    cell: (g) =>
      SEVERITIES.filter((s) => g.bySeverity[s])
        .map((s) => `${s} ${g.bySeverity[s]}`)
        .join(', '),
  },
];

const pickItems = (body: unknown) => (body as FindingsResponse).items;
const pickGroups = (body: unknown) => (body as FindingsResponse).groups ?? [];

function Results({
  page,
  basePath,
  selectedKey,
  onOpen,
  onGroup,
}: {
  page: FindingsResponse;
  basePath: string;
  selectedKey: string | undefined;
  onOpen: (key: string) => void;
  onGroup: (group: FindingsGroup) => void;
}) {
  const grouped = page.groupBy !== 'none';
  const total = grouped ? (page.totalGroups ?? 0) : page.total;
  const count = Math.min(total, MAX_ROWS);
  const firstItems = useMemo(() => ({ rows: page.items, offset: page.offset }), [page]);
  const firstGroups = useMemo(() => ({ rows: page.groups ?? [], offset: page.offset }), [page]);
  const items = usePagedRows(basePath, grouped ? undefined : firstItems, PAGE, pickItems);
  const groups = usePagedRows(basePath, grouped ? firstGroups : undefined, PAGE, pickGroups);

  const summary = (
    <p className="summary" role="status">
      <strong>{page.total.toLocaleString('en-US')}</strong> of {page.totalFindings.toLocaleString('en-US')}{' '}
      findings match
      {grouped && ` in ${total.toLocaleString('en-US')} groups`}.{' '}
      {SEVERITIES.filter((s) => page.facets.severity[s]).map((s) => (
        <span key={s} className="facet">
          <SeverityBadge severity={s} /> {page.facets.severity[s]!.toLocaleString('en-US')}
        </span>
      ))}
      {total > MAX_ROWS &&
        ` Showing the first ${MAX_ROWS.toLocaleString('en-US')}: narrow the filters to see the rest.`}
    </p>
  );
  if (total === 0) {
    return (
      <>
        {summary}
        <Empty>No finding matches these filters.</Empty>
      </>
    );
  }
  const error = grouped ? groups.error : items.error;
  return (
    <>
      {summary}
      {error && (
        <p className="error" role="alert">
          Could not load more rows: {error}
        </p>
      )}
      {grouped ? (
        <VirtualTable
          label="Groups of findings (Enter opens a group)"
          columns={GROUP_COLUMNS}
          count={count}
          rowAt={groups.rowAt}
          onRange={groups.onRange}
          onOpen={(g) => onGroup(g)}
        />
      ) : (
        <VirtualTable
          label="Findings (Enter opens the detail)"
          columns={FINDING_COLUMNS}
          count={count}
          rowAt={items.rowAt}
          onRange={items.onRange}
          onOpen={(f) => onOpen(f.key)}
          selected={selectedIndex(page.items, selectedKey)}
        />
      )}
    </>
  );
}

function selectedIndex(items: readonly FindingJson[], key: string | undefined): number | undefined {
  if (!key) return undefined;
  const i = items.findIndex((f) => f.key === key);
  return i < 0 ? undefined : i;
}

function Detail({
  findingKey,
  onClose,
  onChanged,
}: {
  findingKey: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const detail = useApi<FindingDetailResponse>(pathOf('finding', { key: findingKey }));
  // Kept here, not in the form: the reload after a suppression unmounts the form (the finding is
  // suppressed now), and the confirmation must stay on screen.
  const [written, setWritten] = useState<SuppressResponse | undefined>();
  return (
    <aside className="detail" aria-labelledby="detail-h">
      <div className="detail-head">
        <h2 id="detail-h">Finding</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {written && <SuppressWritten answer={written} />}
      <Async loaded={detail} what="the finding">
        {(d) => (
          <DetailBody
            detail={d}
            onSuppressed={(answer) => {
              setWritten(answer);
              detail.reload();
              onChanged();
            }}
          />
        )}
      </Async>
    </aside>
  );
}

function DetailBody({
  detail,
  onSuppressed,
}: {
  detail: FindingDetailResponse;
  onSuppressed: (answer: SuppressResponse) => void;
}) {
  const f = detail.finding;
  const remediation = detail.rule?.remediation ?? f.remediation;
  return (
    <>
      <p>
        <SeverityBadge severity={f.severity} />{' '}
        <StatusBadge status={f.suppressed ? 'suppressed' : f.status} />{' '}
        <span className="muted">{f.category}</span>
      </p>
      <h3>{f.title}</h3>
      <dl>
        <dt>Rule</dt>
        <dd>
          <code>{f.ruleId}</code>
        </dd>
        <dt>Resource</dt>
        <dd>{resourceLabel(f.resource)}</dd>
        {f.resource.arn && (
          <>
            <dt>ARN</dt>
            <dd>
              <code>{f.resource.arn}</code>
            </dd>
          </>
        )}
        {f.resource.file && (
          <>
            <dt>Declared in</dt>
            <dd>
              <code>
                {f.resource.file}
                {f.resource.line ? `:${f.resource.line}` : ''}
              </code>
            </dd>
          </>
        )}
        <dt>Reason</dt>
        <dd>{f.reason}</dd>
        {f.controls.length > 0 && (
          <>
            <dt>Controls</dt>
            <dd>{f.controls.join(', ')}</dd>
          </>
        )}
        {f.suppressed && (
          <>
            <dt>Suppressed</dt>
            <dd>
              until {f.suppressed.expires}: {f.suppressed.reason}
            </dd>
          </>
        )}
        {f.suppressionExpired && (
          <>
            <dt>Suppression expired</dt>
            <dd>
              on {f.suppressionExpired.expires}: {f.suppressionExpired.reason}
            </dd>
          </>
        )}
      </dl>
      {detail.rule && (
        <>
          <h4>Why it matters</h4>
          <p>{detail.rule.rationale}</p>
        </>
      )}
      <h4>Remediation</h4>
      <p>{remediation.text}</p>
      {remediation.cli && <Snippet label="AWS CLI" text={remediation.cli} />}
      {remediation.cloudformation && <Snippet label="CloudFormation" text={remediation.cloudformation} />}
      {remediation.terraform && <Snippet label="Terraform" text={remediation.terraform} />}
      {detail.rule && detail.rule.references.length > 0 && (
        <>
          <h4>References</h4>
          <ul>
            {detail.rule.references.map((r) => (
              <li key={r}>
                <a href={r} rel="noreferrer noopener" target="_blank">
                  {r}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {f.status === 'fail' && !f.suppressed && <SuppressForm detail={detail} onDone={onSuppressed} />}
    </>
  );
}

function Snippet({ label, text }: { label: string; text: string }) {
  return (
    <figure className="snippet">
      <figcaption>{label}</figcaption>
      <pre tabIndex={0}>
        <code>{text}</code>
      </pre>
    </figure>
  );
}

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function SuppressWritten({ answer }: { answer: SuppressResponse }) {
  return (
    <p role="status" className="ok suppress-written">
      Written to {answer.file}
      {answer.line ? ` line ${answer.line}` : ''}; {answer.suppressed} open finding(s) now suppressed.
    </p>
  );
}

function SuppressForm({
  detail,
  onDone,
}: {
  detail: FindingDetailResponse;
  onDone: (answer: SuppressResponse) => void;
}) {
  const draft = detail.suppressDraft;
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(inDays(90));
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'saving' } | { kind: 'error'; message: string }
  >({ kind: 'idle' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: 'saving' });
    postJson<SuppressResponse>(pathOf('suppressions'), { ...draft, reason: reason.trim(), expires }).then(
      (answer) => {
        setState({ kind: 'idle' });
        onDone(answer);
      },
      (e: unknown) => setState({ kind: 'error', message: ApiError.from(e).message }),
    );
  };

  return (
    <form className="suppress" onSubmit={submit} aria-labelledby="suppress-h">
      <h4 id="suppress-h">Suppress</h4>
      <p className="small muted">
        Accept this failure until a date: written to the configuration file as rule <code>{draft.rule}</code>,
        resource <code>{draft.resource}</code>, account <code>{draft.account}</code>.
      </p>
      <Field label="Reason">
        {(id) => (
          <input id={id} required value={reason} onChange={(e) => setReason(e.target.value)} name="reason" />
        )}
      </Field>
      <Field label="Expires">
        {(id) => (
          <input
            id={id}
            required
            type="date"
            name="expires"
            min={inDays(0)}
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={state.kind === 'saving' || reason.trim() === ''}>
        Suppress
      </button>
      {state.kind === 'error' && (
        <p role="alert" className="error">
          {state.message}
        </p>
      )}
    </form>
  );
}
