/**
 * IAM findings for the daily rounds: resource-based policies that give access to everyone or to
 * accounts outside the organisation, decided by the policy evaluator (an anonymous caller and
 * callers of other accounts are simulated against each action the policy grants), not by reading
 * statements for `"*"`.
 *
 * What existing rules already cover, and is therefore not repeated here: public S3 buckets
 * (`s3-bucket-public-read-prohibited`, `s3-bucket-public-write-prohibited`), public KMS keys
 * (`kms-key-policy-not-public`), public Lambda functions (`lambda-function-not-public`), role trust
 * open to everyone (`iam-role-trust-not-public`) or to third parties without an external ID
 * (`iam-role-third-party-external-id-required`, `iam-role-cross-account-trust-least-privilege`).
 * See docs/iam.md.
 */
import { z } from 'zod';
import {
  defineRule,
  error,
  fail,
  notApplicable,
  pass,
  type AnyRule,
  type RuleResult,
  type RunConfig,
} from '../engine/index.js';
import { actionsOfService, expandActionPattern } from '../iam/catalog.js';
import {
  accountOfEntry,
  buildIamModel,
  evaluate,
  FOREIGN_POLICIES,
  type IamResource,
  type PrincipalInfo,
} from '../iam/index.js';
import type { Resource, Snapshot } from '../model/index.js';
import type { DailyEngine, EngineResult } from './daily.js';
import { evaluatedBy, runEngineRules } from './engine-rules.js';

/** Resource types whose policy decides public access here (the others have rules of their own). */
const PUBLIC_TYPES = [
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::ECR::Repository',
  'AWS::SecretsManager::Secret',
] as const;
/** Resource types whose policy may grant access to other accounts. */
const EXTERNAL_TYPES = [
  ...PUBLIC_TYPES,
  'AWS::S3::Bucket',
  'AWS::KMS::Key',
  'AWS::Lambda::Function',
] as const;

const SERVICE: Record<string, string> = {
  'AWS::SQS::Queue': 'sqs',
  'AWS::SNS::Topic': 'sns',
  'AWS::ECR::Repository': 'ecr',
  'AWS::SecretsManager::Secret': 'secretsmanager',
  'AWS::S3::Bucket': 's3',
  'AWS::KMS::Key': 'kms',
  'AWS::Lambda::Function': 'lambda',
};

const REFERENCES = [
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html',
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html',
];

/**
 * The accounts Elastic Load Balancing writes access logs from, one per older region; bucket
 * policies name them, and they belong to AWS, not to a third party.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
 */
const ELB_LOG_DELIVERY_ACCOUNTS = [
  '127311923021', // us-east-1
  '033677994240', // us-east-2
  '027434742980', // us-west-1
  '797873946194', // us-west-2
  '098369216593', // af-south-1
  '754344448648', // ap-east-1
  '582318560864', // ap-northeast-1
  '600734575887', // ap-northeast-2
  '383597477331', // ap-northeast-3
  '718504428378', // ap-south-1
  '114774131450', // ap-southeast-1
  '783225319266', // ap-southeast-2
  '985666609251', // ca-central-1
  '054676820928', // eu-central-1
  '897822967062', // eu-north-1
  '635631232127', // eu-south-1
  '156460612806', // eu-west-1
  '652711504416', // eu-west-2
  '009996457667', // eu-west-3
  '076674570225', // me-south-1
  '507241528517', // sa-east-1
] as const;

/** An account id no real policy names: "any other AWS account". */
const ANY_ACCOUNT = '000000000000';

const evaluatedByEngine = evaluatedBy('IAM engine');

/** Compliant: the resource policy of a queue, topic, repository or secret lets no anonymous caller and no arbitrary AWS account in. */
export const publicResourcePolicyRule = defineRule({
  id: 'iam-resource-policy-not-public',
  title: 'Resource policy does not give access to everyone',
  category: 'security',
  severity: 'critical',
  resourceTypes: PUBLIC_TYPES,
  rationale:
    'A queue, topic, container repository or secret whose policy allows "*" can be read, written or deleted by anyone who learns its ARN. Conditions on the caller’s account, organisation, VPC endpoint or source keep such a grant private; the policy evaluator checks them as AWS does.',
  remediation: {
    text: 'Name the principals that need access, or add a condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn or aws:SourceVpce to the statement.',
    cloudformation: 'Condition:\n  StringEquals:\n    aws:PrincipalOrgID: o-exampleorgid',
  },
  controls: [],
  references: REFERENCES,
  evaluate: evaluatedByEngine,
});

/** Compliant: the resource policy gives no account outside the organisation access. */
export const externalResourcePolicyRule = defineRule({
  id: 'iam-resource-policy-no-external-access',
  title: 'Resource policy gives no access outside the organisation',
  category: 'security',
  severity: 'medium',
  resourceTypes: EXTERNAL_TYPES,
  rationale:
    'Access granted to another AWS account is access its administrators pass on to anyone they choose. Grants to partners should be deliberate and reviewed, as IAM Access Analyzer’s external-access findings are; this check lists them.',
  remediation: {
    text: 'Remove the statements that name accounts outside the organisation, or confirm the grant and suppress the finding with a reason and an expiry date.',
  },
  controls: [],
  references: REFERENCES,
  params: z.object({
    /** Accounts outside the organisation whose access is expected (AWS-owned delivery accounts by default). */
    trustedAccounts: z.array(z.string().regex(/^\d{12}$/)).default([...ELB_LOG_DELIVERY_ACCOUNTS]),
  }),
  evaluate: evaluatedByEngine,
});

/** The rules whose findings the IAM engine produces. */
export const iamFindingRules: readonly AnyRule[] = [publicResourcePolicyRule, externalResourcePolicyRule];

/** The actions a resource policy grants on its own service, concrete, from the catalogue. */
function grantedActions(resource: IamResource, service: string): string[] {
  const out = new Set<string>();
  const inService = (a: string) => a.toLowerCase().startsWith(`${service}:`);
  for (const st of resource.policy?.policy.statements ?? []) {
    if (st.effect !== 'Allow') continue;
    if (st.actions) {
      for (const pattern of st.actions) {
        const expanded = expandActionPattern(pattern).filter(inService);
        if (expanded.length) expanded.forEach((a) => out.add(a));
        else if (!/[*?]/.test(pattern) && inService(pattern)) out.add(pattern);
      }
    } else if (st.notActions) {
      for (const a of actionsOfService(service)) out.add(a);
    }
  }
  return [...out];
}

/**
 * The ARNs to ask about: the resource itself, an object for S3, and each resource pattern of the
 * policy's grants made concrete (`…/AWSLogs/*` → `…/AWSLogs/x`), so a grant on a prefix is seen.
 */
function targets(resource: IamResource): string[] {
  const out = new Set([resource.arn]);
  if (resource.type === 'AWS::S3::Bucket') out.add(`${resource.arn}/cloudrounds-probe`);
  for (const st of resource.policy?.policy.statements ?? []) {
    if (st.effect !== 'Allow') continue;
    for (const pattern of st.resources ?? []) {
      const concrete = pattern.replace(/\$\{[^}]*\}/g, 'x').replace(/[*?]/g, 'x');
      if (concrete.startsWith(resource.arn)) out.add(concrete);
    }
  }
  return [...out];
}

/** Keys any caller sets for itself, so they do not make a grant private. */
function callerContext(now: string): Record<string, string> {
  return {
    'aws:SecureTransport': 'true',
    'aws:CurrentTime': now,
    'aws:EpochTime': String(Math.floor(Date.parse(now) / 1000)),
  };
}

interface Access {
  /** Actions the probe may call. */
  actions: string[];
}

function probe(resource: IamResource, service: string, principal: PrincipalInfo, now: string): Access {
  const actions: string[] = [];
  const hasIdentity = principal.type !== 'anonymous';
  const arns = targets(resource);
  for (const action of grantedActions(resource, service)) {
    const allowed = arns.some((arn) => {
      const d = evaluate(
        { principal, action, resource: arn, resourceAccount: resource.account, context: callerContext(now) },
        {
          identity: hasIdentity ? [FOREIGN_POLICIES] : [],
          ...(resource.policy ? { resource: resource.policy } : {}),
          resourcePolicyRequired: resource.policyRequired,
        },
      );
      return d.decision === 'Allowed';
    });
    if (allowed) actions.push(action);
  }
  return { actions };
}

/** Accounts a resource policy names in its Allow statements. */
function namedAccounts(resource: IamResource): string[] {
  const out = new Set<string>();
  for (const st of resource.policy?.policy.statements ?? []) {
    if (st.effect !== 'Allow' || !st.principal) continue;
    for (const entry of st.principal.aws) {
      const account = accountOfEntry(entry) ?? /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(entry)?.[1];
      if (account) out.add(account);
    }
  }
  return [...out];
}

const list = (actions: string[]) =>
  actions.length > 6
    ? `${actions.slice(0, 6).join(', ')} and ${actions.length - 6} more`
    : actions.join(', ');

interface Verdicts {
  public: RuleResult;
  /** Accounts outside the organisation with access, and what they may call. */
  external: Array<{ account: string; actions: string[] }>;
  /** The resource's policy is missing or unreadable: both rules say so. */
  settled?: RuleResult;
}

function verdictsOf(
  resource: IamResource,
  service: string,
  now: string,
  inOrg: ReadonlySet<string>,
): Verdicts {
  const what = `${resource.type.split('::')[2]} ${resource.name ?? resource.id}`;
  if (resource.unreadable) {
    const r = error(`${what}: the resource policy could not be read (${resource.unreadable.reason}).`);
    return { public: r, external: [], settled: r };
  }
  if (!resource.policy) {
    const r = notApplicable(`${what} has no resource policy in the snapshot.`);
    return { public: r, external: [], settled: r };
  }
  const anonymous = probe(resource, service, { arn: '*', account: '', type: 'anonymous' }, now);
  const anyAccount = probe(
    resource,
    service,
    { arn: `arn:aws:iam::${ANY_ACCOUNT}:root`, account: ANY_ACCOUNT, type: 'root' },
    now,
  );
  let verdict: RuleResult;
  if (anonymous.actions.length || anyAccount.actions.length) {
    const who = anonymous.actions.length ? 'anyone, anonymous callers included' : 'any AWS account';
    verdict = fail(
      `${what}: its policy lets ${who} call ${list(anonymous.actions.length ? anonymous.actions : anyAccount.actions)}.`,
    );
  } else {
    verdict = pass(`${what}: its policy gives neither anonymous callers nor arbitrary AWS accounts access.`);
  }
  // Access for everyone is the public rules' finding (this engine's or the S3 / KMS / Lambda
  // rules'); the external-access rule lists the accounts outside the organisation the policy names.
  const external: Verdicts['external'] = [];
  for (const account of namedAccounts(resource)) {
    if (inOrg.has(account)) continue;
    const access = probe(
      resource,
      service,
      { arn: `arn:aws:iam::${account}:root`, account, type: 'root' },
      now,
    );
    if (access.actions.length) external.push({ account, actions: access.actions });
  }
  return { public: verdict, external };
}

function externalVerdict(resource: IamResource, v: Verdicts, trusted: readonly string[]): RuleResult {
  if (v.settled) return v.settled;
  const what = `${resource.type.split('::')[2]} ${resource.name ?? resource.id}`;
  const outside = v.external.filter((e) => !trusted.includes(e.account));
  return outside.length
    ? fail(
        `${what}: its policy gives access outside the organisation to ${outside.map((e) => `account ${e.account} (${list(e.actions)})`).join('; ')}.`,
      )
    : pass(
        `${what}: its policy gives no account outside the organisation access${v.external.length ? ' other than the trusted accounts' : ''}.`,
      );
}

/** The IAM engine for `daily`: one model of the snapshot, then one finding per resource and rule. */
export function iamEngine(): DailyEngine {
  return {
    name: 'iam',
    run(snapshot: Snapshot, config: RunConfig): EngineResult {
      const model = buildIamModel(snapshot);
      const inOrg = new Set([...model.accounts, ...model.org.paths.keys()]);
      const byResource = new Map<string, IamResource>();
      for (const r of model.resources.values()) byResource.set(`${r.type}|${r.account}|${r.id}`, r);
      const cache = new Map<IamResource, Verdicts>();
      const verdicts = (r: Resource): { resource: IamResource; v: Verdicts } | undefined => {
        const resource = byResource.get(`${r.type}|${r.account}|${r.id}`);
        const service = SERVICE[r.type];
        if (!resource || !service) return undefined;
        let v = cache.get(resource);
        if (!v) cache.set(resource, (v = verdictsOf(resource, service, snapshot.takenAt, inOrg)));
        return { resource, v };
      };
      const unplaced = (r: Resource) =>
        notApplicable(
          `${r.type.split('::')[2]} ${r.name ?? r.id} has no ARN, so its resource policy cannot be evaluated.`,
        );
      const rules: AnyRule[] = [
        {
          ...publicResourcePolicyRule,
          evaluate: (r: Resource) => verdicts(r)?.v.public ?? unplaced(r),
        },
        {
          ...externalResourcePolicyRule,
          evaluate: (r: Resource, ctx) => {
            const found = verdicts(r);
            if (!found) return unplaced(r);
            const trusted = (ctx.params as { trustedAccounts: string[] }).trustedAccounts;
            return externalVerdict(found.resource, found.v, trusted);
          },
        } as AnyRule,
      ];
      return runEngineRules(snapshot, config, rules, new Set<string>(EXTERNAL_TYPES));
    },
  };
}
