import { z } from 'zod';
import { GLOBAL_REGION, UNKNOWN_REGION, type Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass, type GraphView } from '../rule.js';
import { unreadReason } from '../unread.js';
import { organisationAccounts } from './principals.js';

const ANALYZER = 'AWS::AccessAnalyzer::Analyzer';
/** Analyzer types that look for external access; the `*_UNUSED_ACCESS` ones do not. */
const EXTERNAL_TYPES = new Set(['ACCOUNT', 'ORGANIZATION']);

/**
 * Regional resource types whose presence shows that the snapshot covers a region of an account.
 * The rule checks the regions where the account has any of them (or the `regions` parameter).
 */
const REGIONAL_TYPES = [
  'AWS::EC2::VPC',
  'AWS::EC2::Instance',
  'AWS::EC2::SecurityGroup',
  'AWS::Lambda::Function',
  'AWS::S3::Bucket',
  'AWS::KMS::Key',
  'AWS::RDS::DBInstance',
  'AWS::DynamoDB::Table',
  'AWS::SecretsManager::Secret',
  'AWS::CloudTrail::Trail',
  'AWS::GuardDuty::Detector',
  'AWS::Config::ConfigurationRecorder',
  'AWS::SNS::Topic',
  'AWS::SQS::Queue',
  'AWS::Logs::LogGroup',
  ANALYZER,
];

const regionIndex = new WeakMap<GraphView, ReadonlyMap<string, readonly string[]>>();

/**
 * The regions (sorted) where the snapshot holds regional resources of the account. Indexed once
 * per graph in one pass over those types, rather than by an index per type and account.
 */
function regionsOf(account: string, graph: GraphView): readonly string[] {
  let index = regionIndex.get(graph);
  if (!index) {
    const byAccount = new Map<string, Set<string>>();
    for (const type of REGIONAL_TYPES) {
      const resources = graph.byType(type);
      for (let i = 0; i < resources.length; i++) {
        const r = resources[i]!;
        if (r.region === GLOBAL_REGION || r.region === UNKNOWN_REGION) continue;
        let regions = byAccount.get(r.account);
        if (!regions) byAccount.set(r.account, (regions = new Set()));
        regions.add(r.region);
      }
    }
    index = new Map([...byAccount].map(([id, regions]) => [id, [...regions].sort()]));
    regionIndex.set(graph, index);
  }
  return index.get(account) ?? [];
}

interface Analyzers {
  /** `<region> <account>` of each active `ACCOUNT` analyzer. */
  readonly account: ReadonlySet<string>;
  /** Active `ORGANIZATION` analyzers by region. */
  readonly organisation: ReadonlyMap<string, readonly Resource[]>;
}

const analyzerIndex = new WeakMap<GraphView, Analyzers>();

/** The active external analyzers, indexed once per graph (the rule asks for every account and region). */
function analyzersOf(graph: GraphView): Analyzers {
  let index = analyzerIndex.get(graph);
  if (!index) {
    const account = new Set<string>();
    const organisation = new Map<string, Resource[]>();
    for (const a of graph.byType(ANALYZER)) {
      if (!isActiveExternal(a)) continue;
      if (a.props.Type === 'ACCOUNT') account.add(`${a.region} ${a.account}`);
      else {
        const list = organisation.get(a.region);
        if (list) list.push(a);
        else organisation.set(a.region, [a]);
      }
    }
    index = { account, organisation };
    analyzerIndex.set(graph, index);
  }
  return index;
}

/** An external access analyzer that is active (or whose status the snapshot does not give). */
function isActiveExternal(analyzer: Resource): boolean {
  const type = analyzer.props.Type;
  const status = analyzer.observed?.Status;
  return (
    typeof type === 'string' && EXTERNAL_TYPES.has(type) && (status === undefined || status === 'ACTIVE')
  );
}

/**
 * Compliant: in every region of the account that the snapshot covers (or that `regions` lists),
 * an active IAM Access Analyzer external access analyzer watches the account: one of type
 * `ACCOUNT` in the account, or one of type `ORGANIZATION` in the region in an account of the
 * organisation (the management or delegated administrator account). Evaluated on the account's
 * root user resource (`AWS::IAM::RootAccount`).
 */
export default defineRule({
  id: 'iam-account-access-analyzer-enabled',
  title: 'IAM Access Analyzer watches the account in every region',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::RootAccount'],
  rationale:
    'Access Analyzer reasons over every resource policy (buckets, keys, roles, queues, secrets, snapshots) and reports those that grant access outside the account or organisation. It is regional: a region without an analyzer is a region where a public bucket or a role trusted by a stranger goes unnoticed.',
  remediation: {
    text: 'Create an external access analyzer in each region in use: one with the organisation as zone of trust from the management or delegated administrator account, or one per account.',
    cli: 'aws accessanalyzer create-analyzer --analyzer-name org-external-access --type ORGANIZATION --region <region>',
    cloudformation:
      'Analyzer:\n  Type: AWS::AccessAnalyzer::Analyzer\n  Properties:\n    AnalyzerName: external-access\n    Type: ACCOUNT',
    terraform:
      'resource "aws_accessanalyzer_analyzer" "this" {\n  analyzer_name = "external-access"\n  type          = "ACCOUNT"\n}',
  },
  controls: ['cis-aws-v5.0:1.19'],
  params: z.object({
    regions: z
      .array(z.string())
      .default([])
      .describe('Regions to check; empty: every region where the snapshot holds resources of the account.'),
  }),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-create-external.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/iam-external-access-analyzer-enabled.html',
  ],
  evaluate(root, ctx) {
    const who = `Account ${label(root)}`;
    const regions = ctx.params.regions.length > 0 ? ctx.params.regions : regionsOf(root.account, ctx.graph);
    if (regions.length === 0)
      return notApplicable(() => `${who}: the snapshot holds no regional resources of the account.`);
    // An organisation analyzer covers the member accounts; when the snapshot shows the organisation,
    // both accounts must be in it.
    const organisation = organisationAccounts(ctx.graph);
    const sameOrganisation = (a: Resource): boolean =>
      organisation.size === 0 || (organisation.has(a.account) && organisation.has(root.account));
    const analyzers = analyzersOf(ctx.graph);
    const covered = (region: string): boolean =>
      analyzers.account.has(`${region} ${root.account}`) ||
      (analyzers.organisation.get(region) ?? []).some(sameOrganisation);
    // Analyzers that were never listed, in the account or in another of the organisation (where an
    // organisation analyzer lives), may cover a region.
    const unread = (region: string): string | undefined => {
      for (const account of [root.account, ...organisation]) {
        const reason = unreadReason(ctx.graph, ANALYZER, account, region);
        if (reason) return reason;
      }
      return undefined;
    };
    const uncovered = regions.filter((r) => !covered(r));
    const missing = uncovered.filter((r) => unread(r) === undefined);
    if (missing.length === 0 && uncovered.length > 0) {
      return error(
        `${who}: whether an external access analyzer covers ${uncovered.map((r) => `${r} (${unread(r)})`).join(', ')} is not known.`,
      );
    }
    if (missing.length > 0) {
      return fail(
        `${who} has no active external access analyzer in ${missing.join(', ')} (${regions.length - uncovered.length} of ${regions.length} regions covered).`,
      );
    }
    return pass(() => `${who} has an active external access analyzer in each of ${regions.join(', ')}.`);
  },
});
