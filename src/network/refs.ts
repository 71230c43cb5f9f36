import { isUnresolved, type Resource } from '../model/index.js';
import type { ComponentRef } from './types.js';

/** The reference a hop or explanation prints for a resource. */
export function refOf(r: Resource): ComponentRef {
  const ref: ComponentRef = { type: r.type, id: r.id };
  if (r.origin.logicalId) ref.logicalId = r.origin.logicalId;
  if (r.name) ref.name = r.name;
  return ref;
}

/** A short human label: the name when there is one, else the id. */
export function label(ref: ComponentRef): string {
  return ref.name && ref.name !== ref.id ? `${ref.name} (${ref.id})` : ref.id;
}

/**
 * The id a property points at: a plain string, or the target id an unresolved `Ref` /
 * `Fn::GetAtt` kept (`{ Fn::GetAtt: [Target, Attr] }`), so template links still resolve.
 */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  const expr = isUnresolved(value) ? value.expression : value;
  if (expr && typeof expr === 'object') {
    const o = expr as Record<string, unknown>;
    if (typeof o.Ref === 'string') return o.Ref;
    const getAtt = o['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
    if (typeof getAtt === 'string') return getAtt.split('.')[0];
  }
  return undefined;
}

export function idsOf(value: unknown): string[] {
  if (!Array.isArray(value)) {
    const one = idOf(value);
    return one === undefined ? [] : [one];
  }
  const out: string[] = [];
  for (const v of value) {
    const id = idOf(v);
    if (id !== undefined) out.push(id);
  }
  return out;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** CloudFormation accepts `"true"`/`"false"` for booleans. */
export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

export function records(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value)
    ? value.filter(
        (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
      )
    : [];
}

export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
