/**
 * One request against the model: resolve the principal, gather its policies and the resource's,
 * fill the context AWS would, evaluate.
 */
import { evaluate } from './evaluate.js';
import {
  placeOf,
  policiesFor,
  principalInfo,
  resolvePrincipal,
  type IamModel,
  type IamPrincipal,
  type PrincipalRef,
} from './model.js';
import { checkSessionDuration, type SessionDurationCheck } from './sts.js';
import type { Decision, EvaluateOptions, PolicySet, RequestContext } from './types.js';

export interface Simulation {
  principal: IamPrincipal;
  request: RequestContext;
  policies: PolicySet;
  decision: Decision;
  /** For `sts:AssumeRole*` on a role of the model: whether STS grants the requested session length. */
  sessionDuration?: SessionDurationCheck;
}

export interface SimulateOptions extends EvaluateOptions {
  /** `DurationSeconds` of an `sts:AssumeRole*` request. */
  durationSeconds?: number;
  /** The caller is itself a role session (role chaining limits the session to one hour). */
  chained?: boolean;
}

/** Simulates `principal` calling `action` on `resource` with the given condition keys. */
export function simulate(
  model: IamModel,
  principalRef: PrincipalRef | IamPrincipal,
  action: string,
  resource: string,
  context: Record<string, string | string[]> = {},
  options: SimulateOptions = {},
): Simulation {
  const principal = typeof principalRef === 'string' ? resolvePrincipal(model, principalRef) : principalRef;
  const policies = policiesFor(model, principal, resource, action);
  const place = placeOf(model, resource);
  const full: Record<string, string | string[]> = { ...context };
  const has = (k: string) => Object.keys(full).some((x) => x.toLowerCase() === k);
  // Requests go to the resource's region; S3 ARNs do not name it, the model does.
  if (place.region && !has('aws:requestedregion')) full['aws:RequestedRegion'] = place.region;
  const request: RequestContext = {
    principal: principalInfo(model, principal),
    action,
    resource,
    ...(place.account ? { resourceAccount: place.account } : {}),
    context: full,
  };
  const decision = evaluate(request, policies, options);
  const out: Simulation = { principal, request, policies, decision };
  const role = /^sts:assumerole/i.test(action)
    ? model.principals.find((p) => p.kind === 'role' && p.arn === resource)
    : undefined;
  if (role && (options.durationSeconds !== undefined || options.chained)) {
    out.sessionDuration = checkSessionDuration(role.maxSessionDuration ?? 3600, options.durationSeconds, {
      chained: options.chained ?? principal.kind === 'role',
    });
  }
  return out;
}
