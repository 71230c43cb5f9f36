import { z } from 'zod';
import { InputError, isIp, type Resource, type Snapshot } from '../model/index.js';
import {
  buildNetwork,
  type Endpoint,
  exposure,
  type ExposureAnswer,
  interfacesOf,
  type NetworkModel,
  reach,
  type ReachAnswer,
} from '../network/index.js';

/**
 * The `reach` and `exposure` questions: typed parameters (one zod schema for the CLI flags, the
 * HTTP API and the dashboard form), REF resolution, and the network engine's answers.
 */

const EPHEMERAL_PROFILES = ['auto', 'linux', 'windows', 'nat-gateway', 'elb', 'lambda', 'any'] as const;

export const reachParamsSchema = z
  .object({
    /** A REF (id, ARN, CloudFormation logical id, Name tag), `internet`, or an IP address. */
    from: z.string().min(1),
    to: z.string().min(1),
    protocol: z.enum(['tcp', 'udp', 'icmp', 'all']).default('tcp'),
    port: z.coerce.number().int().min(0).max(65535).optional(),
    icmpType: z.coerce.number().int().min(0).max(255).optional(),
    icmpCode: z.coerce.number().int().min(0).max(255).optional(),
    /** The clients' ephemeral port range for return traffic through NACLs. */
    ephemeral: z.enum(EPHEMERAL_PROFILES).default('auto'),
  })
  .superRefine((p, ctx) => {
    if ((p.protocol === 'tcp' || p.protocol === 'udp') && p.port === undefined) {
      ctx.addIssue({ code: 'custom', path: ['port'], message: `--port is required for ${p.protocol}` });
    }
  });

export type ReachParams = z.input<typeof reachParamsSchema>;

export const exposureParamsSchema = z.object({
  ephemeral: z.enum(EPHEMERAL_PROFILES).default('auto'),
});

export type ExposureParams = z.input<typeof exposureParamsSchema>;

function parseParams<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new InputError(issue?.message ?? 'invalid parameters', { path: issue?.path.join('.') });
}

function describe(r: Resource): string {
  const bits = [r.type, r.id];
  if (r.name && r.name !== r.id) bits.push(`name ${r.name}`);
  if (r.origin.logicalId && r.origin.logicalId !== r.id) bits.push(`logical id ${r.origin.logicalId}`);
  bits.push(`${r.account}/${r.region}`);
  return bits.join(', ');
}

/** Resources by the texts a REF may be, in snapshot order, built once per snapshot. */
interface RefIndex {
  byIdOrArn: Map<string, Resource[]>;
  /** Logical id, name and Name tag. */
  byName: Map<string, Resource[]>;
}

// A server answers many questions on one snapshot: scanning every resource per REF would make
// each reach query cost as much as the organisation is large.
const refIndexes = new WeakMap<Snapshot, RefIndex>();
const eniIndexes = new WeakMap<NetworkModel, ReadonlySet<string>>();

function refIndexOf(snapshot: Snapshot): RefIndex {
  let index = refIndexes.get(snapshot);
  if (index) return index;
  index = { byIdOrArn: new Map(), byName: new Map() };
  const put = (map: Map<string, Resource[]>, key: string | undefined, r: Resource) => {
    if (key === undefined) return;
    const list = map.get(key);
    // A resource is listed once per key even when two of its texts are equal (id and ARN).
    if (!list) map.set(key, [r]);
    else if (list[list.length - 1] !== r) list.push(r);
  };
  for (const r of snapshot.resources) {
    put(index.byIdOrArn, r.id, r);
    put(index.byIdOrArn, r.arn, r);
    put(index.byName, r.origin.logicalId, r);
    put(index.byName, r.name, r);
    put(index.byName, r.tags.Name, r);
  }
  refIndexes.set(snapshot, index);
  return index;
}

function eniIdsOf(model: NetworkModel): ReadonlySet<string> {
  let ids = eniIndexes.get(model);
  if (!ids) eniIndexes.set(model, (ids = new Set(model.enis.map((e) => e.id))));
  return ids;
}

/**
 * Builds what resolving REFs over this snapshot and model reuses, so that a server pays for it at
 * start rather than on its first question.
 */
export function prepareReach(snapshot: Snapshot, model: NetworkModel): void {
  refIndexOf(snapshot);
  eniIdsOf(model);
}

/**
 * Resolves a REF: `internet`, an IP address, or a resource by id, ARN, CloudFormation logical id
 * or Name tag. Several matches are narrowed to the ones with a network interface; if still
 * ambiguous, the candidates are listed in the error (exit code 2).
 */
export function resolveEndpoint(
  snapshot: Snapshot,
  model: NetworkModel,
  ref: string,
  flag: string,
): Endpoint {
  const text = ref.trim();
  if (text.toLowerCase() === 'internet') return { kind: 'internet' };
  if (isIp(text)) return { kind: 'ip', ip: text };
  const refs = refIndexOf(snapshot);
  const exact = refs.byIdOrArn.get(text) ?? [];
  if (exact.length === 1) return { kind: 'resource', id: (exact[0] as Resource).id };
  if (exact.length === 0 && eniIdsOf(model).has(text)) return { kind: 'resource', id: text };
  let candidates = exact.length > 0 ? exact : (refs.byName.get(text) ?? []);
  if (candidates.length > 1) {
    const placed = candidates.filter((r) => interfacesOf(model, r.id).length > 0);
    if (placed.length > 0) candidates = placed;
  }
  if (candidates.length === 1) return { kind: 'resource', id: (candidates[0] as Resource).id };
  if (candidates.length === 0) {
    throw new InputError(
      `${flag} ${text}: no resource has this id, ARN, logical id or Name tag (use 'internet' or an IP address for outside endpoints)`,
      { path: flag },
    );
  }
  const list = candidates
    .slice(0, 20)
    .map((r) => `  ${describe(r)}`)
    .join('\n');
  const more = candidates.length > 20 ? `\n  ... and ${candidates.length - 20} more` : '';
  throw new InputError(
    `${flag} ${text} is ambiguous; ${candidates.length} candidates:\n${list}${more}\nuse an id or ARN`,
    {
      path: flag,
    },
  );
}

/** Answers one reachability question over a snapshot (or a model already built from it). */
export function reachQuestion(snapshot: Snapshot, params: ReachParams, built?: NetworkModel): ReachAnswer {
  const p = parseParams(reachParamsSchema, params);
  const model = built ?? buildNetwork(snapshot, { ephemeral: p.ephemeral });
  const from = resolveEndpoint(snapshot, model, p.from, '--from');
  const to = resolveEndpoint(snapshot, model, p.to, '--to');
  return reach(model, {
    from,
    to,
    protocol: p.protocol,
    ...(p.port !== undefined ? { port: p.port } : {}),
    ...(p.icmpType !== undefined ? { icmpType: p.icmpType } : {}),
    ...(p.icmpCode !== undefined ? { icmpCode: p.icmpCode } : {}),
  });
}

/** Everything the internet reaches in a snapshot. */
export function exposureQuestion(snapshot: Snapshot, params: ExposureParams = {}): ExposureAnswer {
  const p = parseParams(exposureParamsSchema, params);
  return exposure(buildNetwork(snapshot, { ephemeral: p.ephemeral }));
}
