import { InputError } from '../model/index.js';
import type { AnyRule } from '../rules/rule.js';

/** Rule id -> parameter name -> value, as written in configuration or passed by a caller. */
export type ParamOverrides = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/**
 * Each rule's parameters: its defaults with the overrides applied, validated by the rule's schema.
 * An override for an unknown rule or parameter, or of the wrong type, is an {@link InputError}
 * whose `path` is `params.<rule>.<param>`.
 */
export function resolveParams(
  rules: readonly AnyRule[],
  overrides: ParamOverrides = {},
): Map<string, unknown> {
  const known = new Set(rules.map((r) => r.id));
  for (const id of Object.keys(overrides)) {
    if (!known.has(id)) throw new InputError(`params: no rule with id '${id}'`, { path: `params.${id}` });
  }
  const resolved = new Map<string, unknown>();
  for (const rule of rules) {
    const given = overrides[rule.id];
    if (!given) {
      resolved.set(rule.id, rule.defaults);
      continue;
    }
    const parsed = rule.params.strict().safeParse(given);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const name = issue.path.length ? issue.path.map(String).join('.') : (unknownKey(issue) ?? '');
      const path = name ? `params.${rule.id}.${name}` : `params.${rule.id}`;
      const expected = Object.keys(rule.params.shape).join(', ') || 'none';
      throw new InputError(`${path}: ${issue.message} (parameters of ${rule.id}: ${expected})`, { path });
    }
    resolved.set(rule.id, Object.freeze(parsed.data));
  }
  return resolved;
}

function unknownKey(issue: { code: string; keys?: string[] }): string | undefined {
  return issue.code === 'unrecognized_keys' ? issue.keys?.[0] : undefined;
}
