/**
 * Terraform addresses and references: `module.a["x"].aws_subnet.b[0]`, `aws_vpc.main.id`,
 * `var.name`, `data.aws_iam_policy_document.p.json`.
 * https://developer.hashicorp.com/terraform/cli/state/resource-addressing
 */

/** One step of a traversal: an attribute name or an index (`[0]`, `["key"]`). */
export type Step = { name: string } | { index: string | number };

/** Splits a traversal into steps; undefined when it is not a plain traversal (a function call, an operator). */
export function parseTraversal(text: string): Step[] | undefined {
  const steps: Step[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '.') {
      i++;
      continue;
    }
    if (ch === '[') {
      const close = findIndexEnd(text, i);
      if (close < 0) return undefined;
      const inner = text.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else if (inner.startsWith('"')) {
        try {
          steps.push({ index: JSON.parse(inner) as string });
        } catch {
          return undefined;
        }
      } else if (inner === '*') steps.push({ index: '*' });
      else return undefined;
      i = close + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i));
    if (!m) return undefined;
    steps.push({ name: m[0] });
    i += m[0].length;
  }
  return steps;
}

function findIndexEnd(text: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === ']') return i;
  }
  return -1;
}

/** `["x"]` or `[0]`, the way Terraform writes an instance key in an address. */
export function formatIndex(index: string | number): string {
  return typeof index === 'number' ? `[${index}]` : `[${JSON.stringify(index)}]`;
}

/** Joins a module instance address and a resource-in-module address. */
export function joinAddress(moduleAddress: string, local: string): string {
  return moduleAddress ? `${moduleAddress}.${local}` : local;
}

/** Module call names along a module instance address, indexes dropped: `module.a["x"].module.b` → `[a, b]`. */
export function moduleCallPath(moduleAddress: string): string[] {
  if (!moduleAddress) return [];
  const steps = parseTraversal(moduleAddress) ?? [];
  const path: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const next = steps[i + 1];
    if (step && 'name' in step && step.name === 'module' && next && 'name' in next) {
      path.push(next.name);
      i++;
    }
  }
  return path;
}

/** Parent module instance of `module.a["x"].module.b`, i.e. `module.a["x"]`, and the last call's key. */
export function splitModuleAddress(
  moduleAddress: string,
): { parent: string; call: string; index?: string | number } | undefined {
  const steps = parseTraversal(moduleAddress);
  if (!steps || steps.length < 2) return undefined;
  let last = steps.length - 1;
  let index: string | number | undefined;
  const tail = steps[last];
  if (tail && 'index' in tail) {
    index = tail.index;
    last--;
  }
  const call = steps[last];
  const kw = steps[last - 1];
  if (!call || !('name' in call) || !kw || !('name' in kw) || kw.name !== 'module') return undefined;
  const parentSteps = steps.slice(0, last - 1);
  return { parent: formatSteps(parentSteps), call: call.name, index };
}

/** Writes steps back as an address. */
export function formatSteps(steps: readonly Step[]): string {
  let out = '';
  for (const step of steps) {
    if ('name' in step) out += out ? `.${step.name}` : step.name;
    else out += formatIndex(step.index);
  }
  return out;
}

/** A reference in an expression, classified by what it names. */
export type Reference =
  | { kind: 'resource'; type: string; name: string; index?: string | number; attribute: Step[] }
  | { kind: 'data'; type: string; name: string; index?: string | number; attribute: Step[] }
  | { kind: 'var'; name: string; attribute: Step[] }
  | { kind: 'local'; name: string; attribute: Step[] }
  | { kind: 'module'; name: string; index?: string | number; output?: string; attribute: Step[] }
  | { kind: 'each' | 'count' | 'path' | 'self' | 'terraform'; attribute: Step[] };

/** Classifies a reference such as `aws_vpc.main.id` or `module.net.vpc_id`. */
export function parseReference(text: string): Reference | undefined {
  const steps = parseTraversal(text);
  const first = steps?.[0];
  if (!steps || !first || !('name' in first)) return undefined;
  const nameAt = (i: number): string | undefined => {
    const s = steps[i];
    return s && 'name' in s ? s.name : undefined;
  };
  const indexAt = (i: number): string | number | undefined => {
    const s = steps[i];
    return s && 'index' in s ? s.index : undefined;
  };
  switch (first.name) {
    case 'var':
    case 'local': {
      const name = nameAt(1);
      if (!name) return undefined;
      return { kind: first.name, name, attribute: steps.slice(2) };
    }
    case 'each':
    case 'count':
    case 'path':
    case 'self':
    case 'terraform':
      return { kind: first.name, attribute: steps.slice(1) };
    case 'module': {
      const name = nameAt(1);
      if (!name) return undefined;
      const index = indexAt(2);
      const at = index === undefined ? 2 : 3;
      return { kind: 'module', name, index, output: nameAt(at), attribute: steps.slice(at + 1) };
    }
    case 'data': {
      const type = nameAt(1);
      const name = nameAt(2);
      if (!type || !name) return undefined;
      const index = indexAt(3);
      return { kind: 'data', type, name, index, attribute: steps.slice(index === undefined ? 3 : 4) };
    }
    default: {
      const name = nameAt(1);
      if (!name) return undefined;
      const index = indexAt(2);
      return {
        kind: 'resource',
        type: first.name,
        name,
        index,
        attribute: steps.slice(index === undefined ? 2 : 3),
      };
    }
  }
}
