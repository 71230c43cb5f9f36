import { GLOBAL_REGION, type Resource } from '../../../model/index.js';
import { AccountContext, SERVICES } from './context.js';

/*
 * Account settings and IAM. IAM is global (region `global`). Role props follow AWS::IAM::Role, with
 * inline policies in `Policies` and attached policies in `ManagedPolicyArns`, the shapes the
 * CloudFormation source folds AWS::IAM::Policy and ManagedPolicy attachments into.
 */

export interface IamInfo {
  /** Role ARNs by the service that assumes them. */
  lambdaRoles: string[];
  ec2Roles: string[];
  /** The role S3 replication assumes. */
  replicationRole: string;
  /** Instance profile names, for instances. */
  instanceProfiles: string[];
}

const AWS_MANAGED = {
  readOnly: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
  admin: 'arn:aws:iam::aws:policy/AdministratorAccess',
  ssm: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
  lambdaBasic: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  lambdaVpc: 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
  cloudWatchAgent: 'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy',
} as const;

/** The account-wide settings that have no CloudFormation type (see MODEL_ONLY_RESOURCE_TYPES). */
export function* accountSettings(ctx: AccountContext): Generator<Resource> {
  const { rng } = ctx;
  const strong = rng.chance(0.7);
  yield ctx.resource(
    'AWS::IAM::RootAccount',
    ctx.id,
    GLOBAL_REGION,
    {},
    {
      arn: `arn:aws:iam::${ctx.id}:root`,
      observed: {
        MfaActive: rng.chance(0.9),
        AccessKeysPresent: rng.chance(0.03),
        PasswordLastUsed: ctx.daysAgo(30, 400),
      },
    },
  );
  yield ctx.resource('AWS::IAM::AccountPasswordPolicy', ctx.id, GLOBAL_REGION, {
    MinimumPasswordLength: strong ? 14 : 8,
    RequireSymbols: strong,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    AllowUsersToChangePassword: true,
    MaxPasswordAge: strong ? 90 : 0,
    PasswordReusePrevention: strong ? 24 : 0,
  });
  const block = rng.chance(0.85);
  yield ctx.resource('AWS::S3::AccountPublicAccessBlock', ctx.id, GLOBAL_REGION, {
    BlockPublicAcls: block,
    IgnorePublicAcls: block,
    BlockPublicPolicy: block,
    RestrictPublicBuckets: block,
  });
}

function policy(statements: object[]): object {
  return { Version: '2012-10-17', Statement: statements };
}

function trust(principal: object): object {
  return policy([{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }]);
}

/** Customer managed policies, roles, instance profiles and users. */
export function* identities(
  ctx: AccountContext,
  counts: { managedPolicies: number; roles: number; instanceProfiles: number; users: number },
): Generator<Resource, IamInfo> {
  const { rng } = ctx;
  const managedPolicyArns: string[] = [];
  for (let i = 0; i < counts.managedPolicies; i++) {
    const service = rng.pick(SERVICES);
    const name = `${service}-access-${ctx.next()}`;
    const arn = `arn:aws:iam::${ctx.id}:policy/${name}`;
    managedPolicyArns.push(arn);
    const wildcard = rng.chance(0.08);
    // CloudFormation's Ref of a managed policy is its ARN: that is its id.
    yield ctx.resource(
      'AWS::IAM::ManagedPolicy',
      arn,
      GLOBAL_REGION,
      {
        ManagedPolicyName: name,
        Path: '/',
        PolicyDocument: policy([
          {
            Effect: 'Allow',
            Action: wildcard
              ? `${rng.pick(['s3', 'dynamodb', 'sqs'])}:*`
              : ['dynamodb:GetItem', 'dynamodb:Query'],
            Resource: wildcard
              ? '*'
              : ctx.arn('dynamodb', ctx.account.regions[0] as string, `table/${service}-*`),
          },
        ]),
      },
      { arn, name },
    );
  }

  const info: IamInfo = { lambdaRoles: [], ec2Roles: [], replicationRole: '', instanceProfiles: [] };
  const ec2RoleNames: string[] = [];
  for (let i = 0; i < counts.roles; i++) {
    const service = rng.pick(SERVICES);
    // The first three kinds exist in every account that has three roles; then by weight.
    const kind =
      (['lambda', 'ec2', 's3'] as const)[i] ??
      rng.weighted([
        ['lambda', 5],
        ['ec2', 3],
        ['ecs', 2],
        ['cross-account', 1],
      ] as const);
    const name = `${service}-${kind}-role-${ctx.next()}`;
    const arn = `arn:aws:iam::${ctx.id}:role/${name}`;
    const managed: string[] = [];
    let assume: object;
    switch (kind) {
      case 'lambda':
        assume = trust({ Service: 'lambda.amazonaws.com' });
        managed.push(rng.chance(0.3) ? AWS_MANAGED.lambdaVpc : AWS_MANAGED.lambdaBasic);
        info.lambdaRoles.push(arn);
        break;
      case 'ec2':
        assume = trust({ Service: 'ec2.amazonaws.com' });
        managed.push(AWS_MANAGED.ssm, AWS_MANAGED.cloudWatchAgent);
        info.ec2Roles.push(arn);
        ec2RoleNames.push(name);
        break;
      case 'ecs':
        assume = trust({ Service: 'ecs-tasks.amazonaws.com' });
        break;
      case 's3':
        assume = trust({ Service: 's3.amazonaws.com' });
        info.replicationRole = arn;
        break;
      default:
        assume = trust({ AWS: `arn:aws:iam::${ctx.managementAccountId}:root` });
        managed.push(rng.chance(0.2) ? AWS_MANAGED.admin : AWS_MANAGED.readOnly);
    }
    if (managedPolicyArns.length > 0 && rng.chance(0.4)) managed.push(rng.pick(managedPolicyArns));
    const admin = rng.chance(0.03);
    yield ctx.resource(
      'AWS::IAM::Role',
      name,
      GLOBAL_REGION,
      {
        RoleName: name,
        Path: '/',
        AssumeRolePolicyDocument: assume,
        ManagedPolicyArns: managed,
        Policies: [
          {
            PolicyName: `${service}-data`,
            PolicyDocument: policy([
              admin
                ? { Effect: 'Allow', Action: '*', Resource: '*' }
                : {
                    Effect: 'Allow',
                    Action: ['s3:GetObject', 's3:PutObject'],
                    Resource: `arn:aws:s3:::${ctx.env}-${service}-*/*`,
                  },
            ]),
          },
        ],
        MaxSessionDuration: 3600,
      },
      {
        arn,
        name,
        service,
        observed: {
          CreateDate: ctx.daysAgo(30, 1500),
          // Some roles were never used: candidates for clean-up.
          RoleLastUsed: rng.chance(0.85)
            ? { LastUsedDate: ctx.daysAgo(0, 200), Region: ctx.account.regions[0] }
            : {},
        },
      },
    );
  }

  for (let i = 0; i < counts.instanceProfiles && ec2RoleNames.length > 0; i++) {
    const role = ec2RoleNames[i % ec2RoleNames.length] as string;
    const name = `${role}-profile${i < ec2RoleNames.length ? '' : `-${i}`}`;
    info.instanceProfiles.push(name);
    yield ctx.resource(
      'AWS::IAM::InstanceProfile',
      name,
      GLOBAL_REGION,
      { InstanceProfileName: name, Path: '/', Roles: [role] },
      { arn: `arn:aws:iam::${ctx.id}:instance-profile/${name}`, name },
    );
  }

  for (let i = 0; i < counts.users; i++) {
    const human = rng.chance(0.6);
    const name = human ? `user.${ctx.next()}` : `svc-${rng.pick(SERVICES)}-${ctx.next()}`;
    const keys = human && rng.chance(0.5) ? 0 : rng.int(1, 2);
    const accessKeys: Array<Record<string, string>> = [];
    for (let k = 0; k < keys; k++) {
      const created = rng.int(10, 900);
      const key: Record<string, string> = {
        AccessKeyId: accessKeyId(ctx),
        Status: rng.chance(0.9) ? 'Active' : 'Inactive',
        CreateDate: AccountContext.daysBefore(created),
      };
      if (rng.chance(0.8)) key.LastUsedDate = AccountContext.daysBefore(rng.int(0, created));
      accessKeys.push(key);
    }
    const observed: Record<string, unknown> = {
      CreateDate: ctx.daysAgo(30, 1500),
      MfaActive: human && rng.chance(0.8),
      PasswordEnabled: human,
    };
    if (human) observed.PasswordLastUsed = ctx.daysAgo(0, 120);
    observed.AccessKeys = accessKeys;
    yield ctx.resource(
      'AWS::IAM::User',
      name,
      GLOBAL_REGION,
      {
        UserName: name,
        Path: '/',
        ManagedPolicyArns: human ? [AWS_MANAGED.readOnly] : managedPolicyArns.slice(0, 1),
      },
      {
        arn: `arn:aws:iam::${ctx.id}:user/${name}`,
        name,
        observed,
      },
    );
  }
  return info;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An access key id of the documented form (`AKIA` + 16 characters); random, not a real key. */
function accessKeyId(ctx: AccountContext): string {
  let id = 'AKIA';
  for (let i = 0; i < 16; i++) id += KEY_ALPHABET[ctx.rng.int(0, 31)];
  return id;
}
