import { GLOBAL_REGION, type AccountInfo } from '../../model/index.js';
import { arnOf, policyDocument, type Inventory, type Place, type Spec } from './builder.js';
import { daysAgo, lowerId } from './ids.js';

/*
 * The organisation: CompanyA with a management account, a security / log-archive account and one
 * account per environment, in two regions (us-east-1 primary, ap-southeast-1 for DR and APAC).
 * Account ids are the documentation's example ids, so nobody mistakes them for real accounts.
 */

export const PRIMARY = 'us-east-1';
export const DR = 'ap-southeast-1';

export interface DemoAccount extends AccountInfo {
  id: string;
  name: string;
  email: string;
}

export const MANAGEMENT: DemoAccount = {
  id: '111122223333',
  name: 'companya-management',
  email: 'aws-management@companya.com',
  role: 'management',
  ouPath: 'Root',
};
export const SECURITY: DemoAccount = {
  id: '222233334444',
  name: 'companya-security',
  email: 'aws-security@companya.com',
  role: 'security',
  ouPath: 'Root/Security',
};
export const DEV: DemoAccount = {
  id: '333344445555',
  name: 'companya-dev',
  email: 'aws-dev@companya.com',
  role: 'workload',
  ouPath: 'Root/Workloads/Dev',
};
export const PROD: DemoAccount = {
  id: '444455556666',
  name: 'companya-prod',
  email: 'aws-prod@companya.com',
  role: 'workload',
  ouPath: 'Root/Workloads/Prod',
};

export const ACCOUNTS: readonly DemoAccount[] = [MANAGEMENT, SECURITY, DEV, PROD];

/** Accounts outside the organisation that are trusted by roles (a consultant, vendors). */
export const EXTERNAL = {
  consultant: '999988887777',
  auditVendor: '555566667777',
  monitoringVendor: '777788889999',
} as const;

/** The `AccountInfo` list of the snapshot. */
export function accountInfos(): AccountInfo[] {
  return ACCOUNTS.map(({ id, name, role, ouPath }) => ({ id, name, role, ouPath }));
}

/** A place in an account: `at(PROD)` is the primary region, `at(PROD, DR)` the DR one. */
export function at(account: DemoAccount, region: string = PRIMARY): Place {
  return { account: account.id, region };
}

/** IAM, Organizations, Route 53 and CloudFront are global. */
export function globalIn(account: DemoAccount): Place {
  return { account: account.id, region: GLOBAL_REGION };
}

export interface OrganizationRefs {
  orgId: string;
  rootId: string;
  ous: { security: string; workloads: string; dev: string; prod: string };
}

/**
 * AWS Organizations: the organisation, its OUs, member accounts and SCPs. The guardrail SCP is
 * attached to the Security and Prod OUs but not to Dev: the seeded governance gap.
 */
export function addOrganization(inv: Inventory): OrganizationRefs {
  const place = globalIn(MANAGEMENT);
  const orgId = `o-${lowerId('org', 10)}`;
  const rootId = `r-${lowerId('root', 4)}`;
  const ouId = (name: string): string => `ou-${rootId.slice(2)}-${lowerId(`ou|${name}`, 8)}`;
  const ouArn = (id: string): string =>
    arnOf('organizations', { ...place, region: GLOBAL_REGION }, `ou/${orgId}/${id}`);

  inv.add(place, {
    type: 'AWS::Organizations::Organization',
    id: orgId,
    arn: arnOf('organizations', place, `organization/${orgId}`),
    name: 'companya',
    props: { FeatureSet: 'ALL' },
    observed: {
      RootId: rootId,
      ManagementAccountId: MANAGEMENT.id,
      ManagementAccountEmail: MANAGEMENT.email,
      EnabledPolicyTypes: ['SERVICE_CONTROL_POLICY'],
    },
  });

  const ous = {
    security: ouId('Security'),
    workloads: ouId('Workloads'),
    dev: ouId('Dev'),
    prod: ouId('Prod'),
  };
  const ou = (id: string, name: string, parent: string, extra: Pick<Spec, 'problem' | 'twin'> = {}): void => {
    inv.add(place, {
      type: 'AWS::Organizations::OrganizationalUnit',
      id,
      arn: ouArn(id),
      name,
      props: { Name: name, ParentId: parent },
      ...extra,
    });
  };
  ou(ous.security, 'Security', rootId);
  ou(ous.workloads, 'Workloads', rootId);
  ou(ous.dev, 'Dev', ous.workloads, { problem: 'organizations-ou-without-guardrail-scp' });
  ou(ous.prod, 'Prod', ous.workloads, { twin: 'organizations-ou-without-guardrail-scp' });

  const parents: Record<string, string> = {
    [MANAGEMENT.id]: rootId,
    [SECURITY.id]: ous.security,
    [DEV.id]: ous.dev,
    [PROD.id]: ous.prod,
  };
  // The security-findings forwarding rule is an account-level duty (the notebook: "CloudWatch Rules
  // must be enabled at ALL accounts & NOT at the OU levels"); the finding lands on the account.
  const forwarding: Record<string, 'problem' | 'twin' | undefined> = {
    [DEV.id]: 'problem',
    [PROD.id]: 'twin',
  };
  for (const account of ACCOUNTS) {
    const mark = forwarding[account.id];
    inv.add(place, {
      type: 'AWS::Organizations::Account',
      id: account.id,
      arn: arnOf('organizations', place, `account/${orgId}/${account.id}`),
      name: account.name,
      props: {
        AccountName: account.name,
        Email: account.email,
        ParentIds: [parents[account.id]],
        ...(account === MANAGEMENT ? {} : { RoleName: 'OrganizationAccountAccessRole' }),
      },
      observed: {
        Status: 'ACTIVE',
        JoinedMethod: account === MANAGEMENT ? 'INVITED' : 'CREATED',
        JoinedTimestamp: daysAgo(account === MANAGEMENT ? 2400 : 2100),
      },
      ...(mark === 'problem' ? { problem: 'events-security-findings-not-forwarded' as const } : {}),
      ...(mark === 'twin' ? { twin: 'events-security-findings-not-forwarded' as const } : {}),
    });
  }

  const scp = (
    id: string,
    name: string,
    description: string,
    content: Record<string, unknown>,
    targets: string[],
    awsManaged = false,
  ): void => {
    inv.add(place, {
      type: 'AWS::Organizations::Policy',
      id,
      arn: awsManaged
        ? `arn:aws:organizations::aws:policy/service_control_policy/${id}`
        : arnOf('organizations', place, `policy/${orgId}/service_control_policy/${id}`),
      name,
      props: {
        Name: name,
        Description: description,
        Type: 'SERVICE_CONTROL_POLICY',
        Content: content,
        TargetIds: targets,
      },
      ...(awsManaged ? { observed: { AwsManaged: true } } : {}),
    });
  };
  scp(
    'p-FullAWSAccess',
    'FullAWSAccess',
    'Allows access to every operation',
    policyDocument({ Effect: 'Allow', Action: '*', Resource: '*' }),
    [rootId, ous.security, ous.workloads, ous.dev, ous.prod, ...ACCOUNTS.map((a) => a.id)],
    true,
  );
  scp(
    `p-${lowerId('scp|guardrails', 8)}`,
    'deny-security-tampering',
    'Members may not leave the organisation or switch off CloudTrail, GuardDuty and Config',
    policyDocument(
      {
        Sid: 'DenyLeaveOrganization',
        Effect: 'Deny',
        Action: 'organizations:LeaveOrganization',
        Resource: '*',
      },
      {
        Sid: 'DenyAuditTampering',
        Effect: 'Deny',
        Action: [
          'cloudtrail:StopLogging',
          'cloudtrail:DeleteTrail',
          'cloudtrail:UpdateTrail',
          'guardduty:DeleteDetector',
          'guardduty:UpdateDetector',
          'config:StopConfigurationRecorder',
          'config:DeleteConfigurationRecorder',
        ],
        Resource: '*',
        Condition: {
          ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/OrganizationAccountAccessRole' },
        },
      },
    ),
    // The Dev OU is missing here: the seeded gap.
    [ous.security, ous.prod],
  );
  scp(
    `p-${lowerId('scp|regions', 8)}`,
    'deny-unapproved-regions',
    'Workloads run only in us-east-1 and ap-southeast-1',
    policyDocument({
      Sid: 'DenyOutsideApprovedRegions',
      Effect: 'Deny',
      NotAction: [
        'iam:*',
        'organizations:*',
        'sts:*',
        'support:*',
        'cloudfront:*',
        'route53:*',
        'budgets:*',
        'ce:*',
        'health:*',
      ],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': [PRIMARY, DR] } },
    }),
    [ous.workloads],
  );
  return { orgId, rootId, ous };
}
