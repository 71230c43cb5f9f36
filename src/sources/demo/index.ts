import { GLOBAL_REGION, makeSnapshot, type Resource, type Snapshot } from '../../model/index.js';
import type { Source, SourceOptions } from '../types.js';
import { DR, PRIMARY, accountInfos, addOrganization } from './accounts.js';
import { Inventory } from './builder.js';
import { addCompute } from './compute.js';
import { addCostWaste } from './cost.js';
import { addData } from './data.js';
import { addRuntimeSignals } from './signals.js';
import { addIam } from './iam.js';
import { TAKEN_AT } from './ids.js';
import { addNetwork } from './network.js';
import { addObservability } from './observability.js';
import { PROBLEM_TAG, TWIN_TAG } from './problems.js';
import { generateScaledOrganisation } from './scale/index.js';

export {
  DEMO_PROBLEMS,
  PROBLEM_TAG,
  TWIN_TAG,
  type DemoProblem,
  type DemoProblemCategory,
  type ProblemId,
} from './problems.js';
export { DEMO_SECRET_VALUES } from './compute.js';
export { DEMO_ANOMALY, DEMO_CUR_DAYS, demoCurLineItems, type DemoCurLineItem } from './cur.js';
export { ACCOUNTS as DEMO_ACCOUNTS } from './accounts.js';
export type { MetricSeries } from './builder.js';
/** The fixed time the demo organisation was read. */
export const DEMO_TAKEN_AT = TAKEN_AT;

/**
 * The bundled demo organisation, CompanyA: four accounts (management, security/log-archive, dev,
 * prod) in us-east-1 and ap-southeast-1, with the problems of the scenario documents seeded next to
 * compliant twins (see docs/demo.md). Deterministic: two calls return deep-equal snapshots.
 */
export function buildDemoOrganisation(): Snapshot {
  const inv = new Inventory();
  const org = addOrganization(inv);
  const net = addNetwork(inv);
  addIam(inv, net);
  const data = addData(inv, net);
  const compute = addCompute(inv, net, data);
  addCostWaste(inv, net);
  addObservability(inv, org, data, compute);
  addRuntimeSignals(inv);
  return makeSnapshot(inv.resources, [], {
    takenAt: TAKEN_AT,
    accounts: accountInfos(),
    regions: [PRIMARY, DR, GLOBAL_REGION],
  });
}

/** `--source demo`: the demo organisation, or the synthetic large one when a scale is asked for. */
export const demoSource: Source = {
  kind: 'demo',
  async load(_input: string, options: SourceOptions): Promise<Snapshot> {
    if (options.accounts !== undefined || options.resourcesPerAccount !== undefined) {
      return generateScaledOrganisation(options);
    }
    return buildDemoOrganisation();
  },
};

/** Resources tagged as carrying (`problem`) or being the twin of (`twin`) a seeded problem. */
export function demoResourcesFor(
  resources: readonly Resource[],
  problemId: string,
  role: 'problem' | 'twin',
): Resource[] {
  const key = role === 'problem' ? PROBLEM_TAG : TWIN_TAG;
  return resources.filter((r) => (r.tags[key] ?? '').split(' ').includes(problemId));
}
