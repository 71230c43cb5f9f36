/**
 * In-memory snapshots for escalation tests: an attacker granted exactly a technique's permissions,
 * the prerequisites the technique needs (an administrative role that trusts the service, a
 * workload running with such a role, another user, a group …), and optionally a control that
 * blocks one of the permissions (explicit deny, permissions boundary, SCP).
 */
import { makeSnapshot, type Resource, type Snapshot } from '../../src/model/index.js';
import type { EscalationTechnique } from '../../src/iam/escalation-techniques.js';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
const ADMIN_DOC = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

export type Block = { kind: 'none' } | { kind: 'deny' | 'boundary' | 'scp'; action: string };

function res(
  type: string,
  id: string,
  props: Record<string, unknown>,
  extra: Partial<Resource> = {},
): Resource {
  const global = type.startsWith('AWS::IAM::') || type.startsWith('AWS::Organizations::');
  return {
    type,
    id,
    account: ACCOUNT,
    region: global ? 'global' : REGION,
    name: id,
    tags: {},
    props,
    origin: { source: 'demo' },
    ...extra,
  };
}

const iamArn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;

function trust(principal: Record<string, unknown>): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
  };
}

function adminRole(
  name: string,
  trustPrincipal: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Resource {
  return res(
    'AWS::IAM::Role',
    name,
    {
      RoleName: name,
      AssumeRolePolicyDocument: trust(trustPrincipal),
      Policies: [{ PolicyName: 'admin', PolicyDocument: ADMIN_DOC }],
      ...extra,
    },
    { arn: iamArn('role', name) },
  );
}

/** The attacker's ARN in a fixture for this technique. */
export function attackerArn(t: EscalationTechnique): string {
  return t.principalTypes?.includes('role') && !t.principalTypes.includes('user')
    ? iamArn('role', 'attacker')
    : iamArn('user', 'attacker');
}

/** A snapshot in which the attacker can use technique `t`, unless `block` stops one permission. */
export function fixtureFor(t: EscalationTechnique, block: Block = { kind: 'none' }): Snapshot {
  const actions = [...new Set(t.permissions.map((p) => p.action))];
  const grant: Array<Record<string, unknown>> = [
    { Sid: 'Grant', Effect: 'Allow', Action: actions, Resource: '*' },
  ];
  if (block.kind === 'deny')
    grant.push({ Sid: 'Block', Effect: 'Deny', Action: block.action, Resource: '*' });
  const grantDoc = { Version: '2012-10-17', Statement: grant };
  const resources: Resource[] = [];
  const rootPrincipal = { AWS: `arn:aws:iam::${ACCOUNT}:root` };

  const boundary: Record<string, unknown> = {};
  if (block.kind === 'boundary') {
    resources.push(
      res(
        'AWS::IAM::ManagedPolicy',
        'boundary',
        {
          ManagedPolicyName: 'boundary',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', NotAction: block.action, Resource: '*' }],
          },
        },
        { arn: iamArn('policy', 'boundary') },
      ),
    );
    boundary.PermissionsBoundary = iamArn('policy', 'boundary');
  }

  // The attacker's own permissions: inline, or (iam-001) a customer-managed policy attached to it.
  const ownPolicies: Record<string, unknown> = {};
  if (t.target.kind === 'own-managed-policy') {
    resources.push(
      res(
        'AWS::IAM::ManagedPolicy',
        'attacker-policy',
        { ManagedPolicyName: 'attacker-policy', PolicyDocument: grantDoc },
        { arn: iamArn('policy', 'attacker-policy') },
      ),
    );
    ownPolicies.ManagedPolicyArns = [iamArn('policy', 'attacker-policy')];
  } else {
    ownPolicies.Policies = [{ PolicyName: 'grant', PolicyDocument: grantDoc }];
  }

  if (attackerArn(t).includes(':role/')) {
    resources.push(
      res(
        'AWS::IAM::Role',
        'attacker',
        { RoleName: 'attacker', AssumeRolePolicyDocument: trust(rootPrincipal), ...ownPolicies, ...boundary },
        { arn: iamArn('role', 'attacker') },
      ),
    );
  } else {
    const groups = t.target.kind === 'own-group' ? { Groups: ['devs'] } : {};
    resources.push(
      res(
        'AWS::IAM::User',
        'attacker',
        { UserName: 'attacker', ...ownPolicies, ...boundary, ...groups },
        { arn: iamArn('user', 'attacker') },
      ),
    );
  }

  switch (t.target.kind) {
    case 'own-group':
      resources.push(res('AWS::IAM::Group', 'devs', { GroupName: 'devs' }, { arn: iamArn('group', 'devs') }));
      break;
    case 'group':
      resources.push(
        res(
          'AWS::IAM::Group',
          'admins',
          { GroupName: 'admins', Policies: [{ PolicyName: 'admin', PolicyDocument: ADMIN_DOC }] },
          { arn: iamArn('group', 'admins') },
        ),
      );
      break;
    case 'user':
      resources.push(
        res(
          'AWS::IAM::User',
          'admin-user',
          { UserName: 'admin-user', Policies: [{ PolicyName: 'admin', PolicyDocument: ADMIN_DOC }] },
          { arn: iamArn('user', 'admin-user') },
        ),
      );
      break;
    case 'role':
      // Trusting the account hands the decision to the attacker's own policies (and boundary).
      resources.push(adminRole('admin-role', rootPrincipal));
      break;
    case 'role-managed-policy':
      resources.push(
        res(
          'AWS::IAM::ManagedPolicy',
          'role-policy',
          {
            ManagedPolicyName: 'role-policy',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }],
            },
          },
          { arn: iamArn('policy', 'role-policy') },
        ),
      );
      resources.push(
        res(
          'AWS::IAM::Role',
          'target-role',
          {
            RoleName: 'target-role',
            AssumeRolePolicyDocument: trust(rootPrincipal),
            ManagedPolicyArns: [iamArn('policy', 'role-policy')],
          },
          { arn: iamArn('role', 'target-role') },
        ),
      );
      break;
    case 'service-role': {
      resources.push(adminRole('service-admin', { Service: t.target.services }));
      if (t.target.needsInstanceProfile) {
        resources.push(
          res('AWS::IAM::InstanceProfile', 'service-admin-profile', {
            InstanceProfileName: 'service-admin-profile',
            Roles: ['service-admin'],
          }),
        );
      }
      const needed = t.target.requiresResource?.[0];
      if (needed) resources.push(res(needed, 'existing', {}));
      break;
    }
    case 'workload': {
      const type = t.target.resourceTypes[0]!;
      const roleArn = iamArn('role', 'workload-role');
      resources.push(adminRole('workload-role', { Service: 'lambda.amazonaws.com' }));
      resources.push(
        res('AWS::IAM::InstanceProfile', 'workload-profile', {
          InstanceProfileName: 'workload-profile',
          Roles: ['workload-role'],
        }),
      );
      const props: Record<string, Record<string, unknown>> = {
        'AWS::Lambda::Function': { FunctionName: 'workload', Role: roleArn },
        'AWS::CodeBuild::Project': { Name: 'workload', ServiceRole: roleArn },
        'AWS::EC2::Instance': { IamInstanceProfile: 'workload-profile' },
        'AWS::EC2::LaunchTemplate': {
          LaunchTemplateData: { IamInstanceProfile: { Name: 'workload-profile' } },
        },
        'AWS::CloudFormation::Stack': { StackName: 'workload', RoleARN: roleArn },
        'AWS::CloudFormation::StackSet': {
          StackSetName: 'workload',
          ExecutionRoleName: 'workload-role',
          AdministrationRoleARN: iamArn('role', 'stackset-admin'),
        },
        'AWS::Glue::DevEndpoint': { EndpointName: 'workload', RoleArn: roleArn },
        'AWS::SageMaker::NotebookInstance': { NotebookInstanceName: 'workload', RoleArn: roleArn },
        'AWS::AppRunner::Service': {
          ServiceName: 'workload',
          InstanceConfiguration: { InstanceRoleArn: roleArn },
        },
        'AWS::BedrockAgentCore::CodeInterpreterCustom': { Name: 'workload', ExecutionRoleArn: roleArn },
      };
      if (type === 'AWS::CloudFormation::StackSet') {
        resources.push(
          res(
            'AWS::IAM::Role',
            'stackset-admin',
            {
              RoleName: 'stackset-admin',
              AssumeRolePolicyDocument: trust({ Service: 'cloudformation.amazonaws.com' }),
            },
            { arn: iamArn('role', 'stackset-admin') },
          ),
        );
      }
      resources.push(
        res(type, type === 'AWS::EC2::Instance' ? 'i-0123456789abcdef0' : 'workload', props[type] ?? {}),
      );
      break;
    }
    case 'self':
    case 'own-managed-policy':
      break;
  }

  if (block.kind === 'scp') {
    const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    const deny = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: block.action, Resource: '*' }],
    };
    resources.push(
      res('AWS::Organizations::Organization', 'o-example', { ManagementAccountId: '999999999999' }),
      res('AWS::Organizations::Account', ACCOUNT, { AccountId: ACCOUNT, ParentIds: ['r-root'] }),
      res('AWS::Organizations::Policy', 'full-access', {
        Name: 'FullAWSAccess',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: allowAll,
        TargetIds: ['r-root', ACCOUNT],
      }),
      res('AWS::Organizations::Policy', 'guardrail', {
        Name: 'guardrail',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: deny,
        TargetIds: ['r-root'],
      }),
    );
  }
  return makeSnapshot(resources, [], { takenAt: '2026-01-01T00:00:00.000Z', regions: [REGION] });
}
