import { ANY_IPV4, hostCidr, ipToString, parseIp, type Snapshot } from '../model/index.js';
import { buildModel, type Eni, type NetworkModel } from './build.js';
import { exposureOf } from './exposure.js';
import { label } from './refs.js';
import { type Place, walkOnce } from './reach.js';
import type {
  Endpoint,
  EphemeralProfile,
  Explanation,
  ExposureAnswer,
  ReachAnswer,
  ReachQuery,
} from './types.js';

export type * from './types.js';
export type { Eni, NetworkModel } from './build.js';
export { lookupRoute, sgAllows, ephemeralFor } from './reach.js';
export { reachAnswerSchema, exposureAnswerSchema } from './schema.js';

/** Most placements tried per query (an ALB in six subnets times a Lambda in six is still 36). */
const MAX_ATTEMPTS = 36;

/** Builds the indexed network model of a snapshot; build once, query many times. */
export function buildNetwork(
  snapshot: Snapshot,
  options: { ephemeral?: EphemeralProfile } = {},
): NetworkModel {
  return buildModel(snapshot, options);
}

/** The interfaces of a resource (by id, ARN or ENI id). */
export function interfacesOf(model: NetworkModel, id: string): Eni[] {
  const direct = model.enisByOwner.get(id);
  if (direct) return direct;
  const byEni = model.enis.filter((e) => e.id === id);
  if (byEni.length > 0) return byEni;
  const r = model.resources.get(id);
  return r ? (model.enisByOwner.get(r.id) ?? []) : [];
}

function resolve(model: NetworkModel, e: Endpoint, role: 'source' | 'destination'): Place[] | Explanation {
  if (e.kind === 'internet') return [{ kind: 'outside', addr: { cidr: ANY_IPV4, exact: false } }];
  if (e.kind === 'ip') {
    const p = parseIp(e.ip);
    if (!p.ok) {
      return {
        code: 'NO_SOURCE_OR_DESTINATION',
        component: { type: 'ip', id: e.ip },
        detail: `${e.ip} is not an IP address`,
      };
    }
    const text = ipToString(p.value);
    const places: Place[] = [];
    for (const vpc of model.vpcs.values()) {
      const eni = vpc.enisByIp.get(text);
      if (eni) places.push({ kind: 'eni', eni });
    }
    if (places.length > 0) return places;
    const pub = model.enisByPublicIp.get(text);
    if (pub) return [{ kind: 'eni', eni: pub, viaPublic: true }];
    return [{ kind: 'outside', addr: { cidr: hostCidr(p.value), exact: true } }];
  }
  const endpoint = model.gatewayEndpoints.get(e.id);
  if (endpoint) return [{ kind: 'service', endpoint }];
  const enis = interfacesOf(model, e.id);
  if (enis.length > 0) return enis.map((eni) => ({ kind: 'eni', eni }));
  const r = model.resources.get(e.id);
  return {
    code: r ? 'UNSUPPORTED_COMPONENT' : 'UNKNOWN_RESOURCE',
    component: r
      ? { type: r.type, id: r.id, ...(r.name ? { name: r.name } : {}) }
      : { type: 'unknown', id: e.id },
    detail: r
      ? `${r.type} ${r.name ?? r.id} has no network interface the model can place (the ${role} must sit in a subnet of a VPC in the snapshot)`
      : `${e.id} is not in the snapshot`,
  };
}

/**
 * Can `from` reach `to` with this protocol and port? A resource with several interfaces (an
 * ALB in two subnets, a database whose AZ is not known) is tried from each placement: the answer
 * is reachable when one placement is, and otherwise lists what blocks every one of them.
 */
export function reach(model: NetworkModel, query: ReachQuery): ReachAnswer {
  const srcs = resolve(model, query.from, 'source');
  const dsts = resolve(model, query.to, 'destination');
  const failed = [srcs, dsts].filter((x): x is Explanation => !Array.isArray(x));
  if (failed.length > 0 || !Array.isArray(srcs) || !Array.isArray(dsts)) {
    return { schemaVersion: 1, reachable: false, forward: [], return: [], explanations: failed };
  }
  const attempts: ReachAnswer[] = [];
  outer: for (const s of srcs) {
    for (const d of dsts) {
      if (s.kind === 'eni' && d.kind === 'eni' && s.eni === d.eni) continue;
      const a = walkOnce(model, s, d, query);
      attempts.push(a);
      if (a.reachable || attempts.length >= MAX_ATTEMPTS) break outer;
    }
  }
  const notes: string[] = [];
  const unknownIp = [...srcs, ...dsts].find(
    (p) => p.kind === 'eni' && !p.eni.addr.exact && p.eni.role !== 'load-balancer',
  );
  if (unknownIp && unknownIp.kind === 'eni') {
    notes.push(
      `${label(unknownIp.eni.owner)}: the snapshot does not give its private IP; any address in its subnet is assumed`,
    );
  }
  if (attempts.length === 0) {
    return {
      schemaVersion: 1,
      reachable: false,
      forward: [],
      return: [],
      explanations: [
        {
          code: 'NO_SOURCE_OR_DESTINATION',
          component: { type: 'query', id: 'query' },
          detail: 'the source and the destination are the same interface',
        },
      ],
    };
  }
  const hit = attempts.find((a) => a.reachable);
  if (attempts.length > 1) {
    notes.push(
      hit
        ? `${attempts.length} placement(s) tried; the path shown is the first that is reachable`
        : `${attempts.length} placement(s) tried (interfaces in several subnets); none is reachable`,
    );
  }
  if (hit) return { ...hit, notes: [...(hit.notes ?? []), ...notes] };
  const first = attempts[0] as ReachAnswer;
  const explanations: Explanation[] = [];
  const seen = new Set<string>();
  for (const a of attempts) {
    for (const e of a.explanations) {
      const key = `${e.code}|${e.component.id}|${e.direction ?? ''}|${e.path ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      explanations.push(e);
    }
  }
  return { ...first, reachable: false, explanations, notes: [...(first.notes ?? []), ...notes] };
}

/** Everything 0.0.0.0/0 and ::/0 reach, by protocol and port range, each with its path. */
export function exposure(model: NetworkModel): ExposureAnswer {
  return exposureOf(model);
}
