/**
 * Account-level facts for rules that ask "is X on in every region this account uses?" (AWS Config,
 * GuardDuty, Security Hub, CloudTrail, security-finding forwarding). Those rules evaluate the
 * member accounts of an organisation (`AWS::Organizations::Account`, id = the 12-digit account id),
 * because a finding needs a resource and the account is the one that is non-compliant.
 */
import { GLOBAL_REGION, UNKNOWN_REGION, type Resource } from '../../model/index.js';
import { label } from '../label.js';
import { error, notApplicable, type RuleResult } from '../result.js';
import type { GraphView } from '../rule.js';

export const ORG_ACCOUNT = 'AWS::Organizations::Account';

const ACCOUNT_ID = /^\d{12}$/;

/**
 * The account id of an organisation member: the resource id for live and describe data; a
 * template's `AWS::Organizations::Account` has only a logical id until the account is created.
 */
export function memberAccountId(account: Resource): string | undefined {
  if (ACCOUNT_ID.test(account.id)) return account.id;
  const observed = account.observed?.Id;
  return typeof observed === 'string' && ACCOUNT_ID.test(observed) ? observed : undefined;
}

/**
 * Why an account is out of scope: suspended or closing accounts run nothing
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_Account.html, `Status`).
 */
export function inactiveReason(account: Resource): string | undefined {
  const status = account.observed?.Status;
  return typeof status === 'string' && status !== 'ACTIVE' ? `is ${status.toLowerCase()}` : undefined;
}

/**
 * Regional resource types whose presence shows that an account uses a region. Every region of a
 * live account has a default VPC, so a full collection marks every enabled region as used.
 */
const REGIONAL_TYPES = [
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::Instance',
  'AWS::EC2::Volume',
  'AWS::EC2::SecurityGroup',
  'AWS::Lambda::Function',
  'AWS::ECS::Cluster',
  'AWS::EKS::Cluster',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::DynamoDB::Table',
  'AWS::S3::Bucket',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::KMS::Key',
  'AWS::Logs::LogGroup',
  'AWS::CloudTrail::Trail',
  'AWS::GuardDuty::Detector',
  'AWS::Config::ConfigurationRecorder',
  'AWS::SecurityHub::Hub',
] as const;

const regionCache = new WeakMap<GraphView, Map<string, Set<string>>>();

/** The regions (sorted) where the snapshot holds regional resources of `accountId`. */
export function regionsInUse(graph: GraphView, accountId: string): readonly string[] {
  let byAccount = regionCache.get(graph);
  if (!byAccount) {
    byAccount = new Map();
    for (const type of REGIONAL_TYPES) {
      for (const r of graph.byType(type)) {
        if (r.region === GLOBAL_REGION || r.region === UNKNOWN_REGION) continue;
        let regions = byAccount.get(r.account);
        if (!regions) byAccount.set(r.account, (regions = new Set()));
        regions.add(r.region);
      }
    }
    regionCache.set(graph, byAccount);
  }
  return [...(byAccount.get(accountId) ?? [])].sort();
}

/** `a, b and c`. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A member account in scope: its id, and `Account <label>` for the reasons. */
export interface MemberAccount {
  id: string;
  who: string;
}

/**
 * The member account to evaluate, or the result when there is none to judge: no account id yet
 * (a template's account before it is created) or an account that is not active.
 */
export function memberInScope(account: Resource): MemberAccount | RuleResult {
  const id = memberAccountId(account);
  const who = `Account ${label(account)}`;
  if (!id)
    return notApplicable(() => `${who} has no account id yet (it is assigned when the account is created).`);
  const inactive = inactiveReason(account);
  if (inactive) return notApplicable(() => `${who} ${inactive}.`);
  return { id, who };
}

/**
 * A member account in scope with the regions it uses, or the result when those are not known: an
 * `error`, never a pass, when none of its regional resources are in the snapshot.
 */
export function memberRegions(
  account: Resource,
  graph: GraphView,
): (MemberAccount & { regions: readonly string[] }) | RuleResult {
  const member = memberInScope(account);
  if (!('id' in member)) return member;
  const regions = regionsInUse(graph, member.id);
  if (regions.length === 0) {
    return error(
      `${member.who}: none of its regional resources are in the snapshot, so the regions it uses are not known.`,
    );
  }
  return { ...member, regions };
}
