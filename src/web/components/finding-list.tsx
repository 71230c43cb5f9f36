import type { OverviewResponse } from '../../server/api';
import { hrefOf } from '../router';
import { SeverityBadge } from './severity';

export type FindingJson = OverviewResponse['topTen'][number];

export function resourceLabel(r: FindingJson['resource']): string {
  const name = r.name && r.name !== r.id ? `${r.name} (${r.id})` : r.id;
  return `${name} · ${r.type.replace(/^AWS::/, '')} · ${r.account}/${r.region}`;
}

/** A short ordered list of findings, each linking to its detail on the Findings page. */
export function FindingList({ findings, label }: { findings: readonly FindingJson[]; label: string }) {
  return (
    <ol className="finding-list" aria-label={label}>
      {findings.map((f) => (
        <li key={f.key}>
          <SeverityBadge severity={f.severity} /> <a href={hrefOf('findings', { key: f.key })}>{f.title}</a>
          {f.new && <span className="badge new">new</span>}
          {f.exposure && <span className="badge exposure">internet</span>}
          {f.prod && <span className="badge prod">prod</span>}
          <div className="muted small">{resourceLabel(f.resource)}</div>
          <div className="small">{f.reason}</div>
        </li>
      ))}
    </ol>
  );
}
