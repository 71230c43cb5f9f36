import { z } from 'zod';
import { defineRule, error, fail, label, pass, prop } from '../rule.js';
import { extendedSupportEnd, minor, STANDARD_SUPPORT_ENDS } from './versions.js';

const CLUSTER = 'AWS::EKS::Cluster';
const DAY_MS = 86_400_000;

function at(date: string): number {
  return new Date(`${date}T00:00:00Z`).getTime();
}

/**
 * Compliant: the cluster's Kubernetes version is in standard support at the time of the run
 * (extended support costs more and ends with a forced upgrade). A template without `Version`
 * gets EKS's default version at creation, which "might not be the latest version available"
 * (CreateCluster `version`, https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html).
 */
export default defineRule({
  id: 'eks-cluster-supported-version',
  title: 'EKS cluster runs a Kubernetes version in standard support',
  category: 'security',
  severity: 'high',
  resourceTypes: [CLUSTER],
  rationale:
    'Kubernetes minor versions get security fixes for a limited time. After 14 months on EKS a version moves to extended support, billed at six times the hourly cluster price ($0.60 instead of $0.10); 12 months later EKS upgrades the control plane itself, on its schedule rather than yours, and add-ons or workloads relying on removed APIs break.',
  remediation: {
    text: 'Upgrade the control plane one minor version at a time (check deprecated APIs and add-on compatibility first), then the node groups and add-ons.',
    cli: 'aws eks update-cluster-version --name <cluster> --kubernetes-version <next-minor>\naws eks describe-cluster-versions --query "clusterVersions[].{v:clusterVersion,end:endOfStandardSupportDate}"',
    cloudformation: 'Version: "1.34"',
    terraform: 'resource "aws_eks_cluster" "this" {\n  # ...\n  version = "1.34"\n}',
  },
  controls: ['aws-fsbp:EKS.2'],
  params: z.object({
    standardSupportEnds: z
      .record(z.string(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
      .default({})
      .describe(
        'Version -> end of standard support (YYYY-MM-DD), merged over the built-in EKS release calendar.',
      ),
    daysBefore: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('Fail this many days before standard support ends.'),
  }),
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html',
    'https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html',
  ],
  evaluate(cluster, ctx) {
    const who = `EKS cluster ${label(cluster)}`;
    const version = prop(cluster.props, 'Version');
    if (!version.known) return error(`${who}: ${version.reason}.`);
    if (version.value === undefined)
      return pass(() => `${who} takes EKS's default Kubernetes version when it is created.`);
    const v = String(version.value);
    const table = { ...STANDARD_SUPPORT_ENDS, ...ctx.params.standardSupportEnds };
    const end = table[v];
    if (end === undefined) {
      const mv = minor(v);
      const known = Object.keys(table)
        .map(minor)
        .filter((x): x is [number, number] => x !== undefined);
      if (!mv) return error(`${who} has a Version that is not a Kubernetes minor version.`);
      const oldest = known.reduce((a, b) => (b[0] < a[0] || (b[0] === a[0] && b[1] < a[1]) ? b : a));
      if (mv[0] < oldest[0] || (mv[0] === oldest[0] && mv[1] < oldest[1])) {
        return fail(`${who} runs Kubernetes ${v}, older than every version EKS still supports.`);
      }
      return pass(() => `${who} runs Kubernetes ${v}, newer than the rule's release calendar.`);
    }
    const now = ctx.now.getTime();
    const extended = extendedSupportEnd(end);
    if (now >= at(extended)) {
      return fail(
        `${who} runs Kubernetes ${v}, past the end of extended support (${extended}): EKS upgrades it automatically.`,
      );
    }
    if (now >= at(end)) {
      return fail(
        `${who} runs Kubernetes ${v}, in extended support since ${end} (billed at $0.60 instead of $0.10 an hour) until ${extended}.`,
      );
    }
    const days = Math.ceil((at(end) - now) / DAY_MS);
    if (days <= ctx.params.daysBefore)
      return fail(`${who} runs Kubernetes ${v}, whose standard support ends on ${end}, in ${days} days.`);
    return pass(() => `${who} runs Kubernetes ${v}, in standard support until ${end}.`);
  },
});
