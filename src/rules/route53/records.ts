/** Route 53 record sets: one `AWS::Route53::RecordSet`, or the `RecordSets` of a `RecordSetGroup`. */
import type { Resource } from '../../model/index.js';

export const RECORD_SET = 'AWS::Route53::RecordSet';
export const RECORD_SET_GROUP = 'AWS::Route53::RecordSetGroup';

/** A record and how reasons name it. */
export interface DnsRecord {
  readonly props: { readonly [key: string]: unknown };
  readonly name: string;
}

/** The records a resource holds, with a printable name each (`Name Type (SetIdentifier)`). */
export function recordsOf(resource: Resource): DnsRecord[] {
  const list = resource.type === RECORD_SET_GROUP ? resource.props.RecordSets : [resource.props];
  if (!Array.isArray(list)) return [];
  return list
    .filter((r): r is { [key: string]: unknown } => r !== null && typeof r === 'object')
    .map((props) => {
      const set = typeof props.SetIdentifier === 'string' ? ` (${props.SetIdentifier})` : '';
      return {
        props,
        name: `${String(props.Name ?? '?')} ${String(props.Type ?? '')}${set}`.replace(/ +/g, ' ').trim(),
      };
    });
}
