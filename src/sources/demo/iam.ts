import { DEV, EXTERNAL, MANAGEMENT, PROD, SECURITY, globalIn, type DemoAccount } from './accounts.js';
import { policyDocument, type Inventory, type Spec } from './builder.js';
import { accessKeyId, charsOf, daysAgo } from './ids.js';
import type { NetworkRefs } from './network.js';

/*
 * IAM of every account: account settings (root user, password policy), users, groups, roles,
 * policies and the SAML provider. Shapes follow AWS::IAM::*: inline policies in `Policies`,
 * attached ones in `ManagedPolicyArns`, group membership in the user's `Groups`. Ids are what
 * CloudFormation's Ref returns (role, user, group and profile names; the ARN of managed policies
 * and SAML providers). Credential-report facts (MFA, password and key use) are in `observed`.
 */

/** AWS managed policies referenced by the demo; they belong to AWS, not to an account. */
export const AWS_MANAGED = {
  admin: 'arn:aws:iam::aws:policy/AdministratorAccess',
  readOnly: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
  powerUser: 'arn:aws:iam::aws:policy/PowerUserAccess',
  securityAudit: 'arn:aws:iam::aws:policy/SecurityAudit',
  ssm: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
  lambdaBasic: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  lambdaVpc: 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
  ecsTaskExecution: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
  backup: 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
  dynamoDbAutoscaling:
    'arn:aws:iam::aws:policy/aws-service-role/AWSApplicationAutoscalingDynamoDBTablePolicy',
} as const;

export function roleArn(account: DemoAccount, name: string, path = '/'): string {
  return `arn:aws:iam::${account.id}:role${path}${name}`;
}

/** The audience AWS sign-in puts in SAML assertions; trust policies should require it. */
const SAML_AUDIENCE = 'https://signin.aws.amazon.com/saml';

type Mark = Pick<Spec, 'problem' | 'twin' | 'tags'>;

function uniqueId(prefix: string, account: DemoAccount, name: string): string {
  return prefix + charsOf(`${prefix}|${account.id}|${name}`, 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
}

function trust(
  principal: Record<string, unknown>,
  condition?: Record<string, unknown>,
  action = 'sts:AssumeRole',
) {
  return policyDocument({
    Effect: 'Allow',
    Principal: principal,
    Action: action,
    ...(condition ? { Condition: condition } : {}),
  });
}
const service = (name: string) => trust({ Service: name });

interface RoleOptions extends Mark {
  managed?: string[];
  inline?: Record<string, Record<string, unknown>>;
  maxSession?: number;
  path?: string;
  description?: string;
  createdDaysAgo?: number;
  lastUsedDaysAgo?: number;
}

function role(
  inv: Inventory,
  account: DemoAccount,
  name: string,
  assume: Record<string, unknown>,
  o: RoleOptions = {},
): string {
  const path = o.path ?? '/';
  const arn = roleArn(account, name, path);
  const props: Record<string, unknown> = {
    RoleName: name,
    Path: path,
    AssumeRolePolicyDocument: assume,
    MaxSessionDuration: o.maxSession ?? 3600,
    ManagedPolicyArns: o.managed ?? [],
    Policies: Object.entries(o.inline ?? {}).map(([PolicyName, PolicyDocument]) => ({
      PolicyName,
      PolicyDocument,
    })),
  };
  if (o.description) props.Description = o.description;
  inv.add(globalIn(account), {
    type: 'AWS::IAM::Role',
    id: name,
    arn,
    name,
    props,
    observed: {
      RoleId: uniqueId('AROA', account, name),
      CreateDate: daysAgo(o.createdDaysAgo ?? 500),
      RoleLastUsed:
        o.lastUsedDaysAgo === undefined
          ? {}
          : { LastUsedDate: daysAgo(o.lastUsedDaysAgo), Region: 'us-east-1' },
    },
    problem: o.problem,
    twin: o.twin,
    tags: o.tags,
  });
  return arn;
}

function instanceProfile(inv: Inventory, account: DemoAccount, name: string, roleName: string): void {
  inv.add(globalIn(account), {
    type: 'AWS::IAM::InstanceProfile',
    id: name,
    arn: `arn:aws:iam::${account.id}:instance-profile/${name}`,
    name,
    props: { InstanceProfileName: name, Path: '/', Roles: [roleName] },
    observed: { InstanceProfileId: uniqueId('AIPA', account, name) },
  });
}

function managedPolicy(
  inv: Inventory,
  account: DemoAccount,
  name: string,
  description: string,
  document: Record<string, unknown>,
  mark: Mark = {},
): string {
  const arn = `arn:aws:iam::${account.id}:policy/${name}`;
  inv.add(globalIn(account), {
    type: 'AWS::IAM::ManagedPolicy',
    id: arn,
    arn,
    name,
    props: { ManagedPolicyName: name, Path: '/', Description: description, PolicyDocument: document },
    observed: { PolicyId: uniqueId('ANPA', account, name), DefaultVersionId: 'v1', CreateDate: daysAgo(400) },
    ...mark,
  });
  return arn;
}

function group(
  inv: Inventory,
  account: DemoAccount,
  name: string,
  managed: string[],
  inline: Record<string, Record<string, unknown>> = {},
  mark: Mark = {},
): void {
  inv.add(globalIn(account), {
    type: 'AWS::IAM::Group',
    id: name,
    arn: `arn:aws:iam::${account.id}:group/${name}`,
    name,
    props: {
      GroupName: name,
      Path: '/',
      ManagedPolicyArns: managed,
      Policies: Object.entries(inline).map(([PolicyName, PolicyDocument]) => ({
        PolicyName,
        PolicyDocument,
      })),
    },
    observed: { GroupId: uniqueId('AGPA', account, name), CreateDate: daysAgo(600) },
    ...mark,
  });
}

interface UserOptions extends Mark {
  groups?: string[];
  managed?: string[];
  inline?: Record<string, Record<string, unknown>>;
  /** Days since the console password was last used; undefined = no console password. */
  consoleLastUsedDaysAgo?: number;
  mfa?: boolean;
  keys?: Array<{ createdDaysAgo: number; lastUsedDaysAgo?: number; service?: string }>;
}

function user(inv: Inventory, account: DemoAccount, name: string, o: UserOptions): void {
  const observed: Record<string, unknown> = {
    UserId: uniqueId('AIDA', account, name),
    CreateDate: daysAgo(700),
    PasswordEnabled: o.consoleLastUsedDaysAgo !== undefined,
    MfaActive: o.mfa ?? false,
    AccessKeys: (o.keys ?? []).map((key, index) => ({
      AccessKeyId: accessKeyId(`${account.id}/${name}/${index}`),
      Status: 'Active',
      CreateDate: daysAgo(key.createdDaysAgo),
      ...(key.lastUsedDaysAgo === undefined
        ? {}
        : {
            LastUsedDate: daysAgo(key.lastUsedDaysAgo),
            LastUsedService: key.service ?? 's3',
            LastUsedRegion: 'us-east-1',
          }),
    })),
  };
  if (o.consoleLastUsedDaysAgo !== undefined) observed.PasswordLastUsed = daysAgo(o.consoleLastUsedDaysAgo);
  inv.add(globalIn(account), {
    type: 'AWS::IAM::User',
    id: name,
    arn: `arn:aws:iam::${account.id}:user/${name}`,
    name,
    props: {
      UserName: name,
      Path: '/',
      Groups: o.groups ?? [],
      ManagedPolicyArns: o.managed ?? [],
      Policies: Object.entries(o.inline ?? {}).map(([PolicyName, PolicyDocument]) => ({
        PolicyName,
        PolicyDocument,
      })),
    },
    observed,
    problem: o.problem,
    twin: o.twin,
    tags: o.tags,
  });
}

/**
 * The account's root user as the credential report describes it (model-only type, id = account id).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
function rootUser(
  inv: Inventory,
  account: DemoAccount,
  mfa: boolean,
  accessKey: boolean,
  mark: Mark = {},
): void {
  inv.add(globalIn(account), {
    type: 'AWS::IAM::RootAccount',
    id: account.id,
    arn: `arn:aws:iam::${account.id}:root`,
    name: `${account.name} root`,
    props: {},
    observed: {
      MfaActive: mfa,
      // A hardware device's serial is not an ARN (a virtual device's is arn:aws:iam::<id>:mfa/...).
      MfaDevices: mfa ? [{ SerialNumber: `GAHT${account.id.slice(-8)}` }] : [],
      AccessKeysPresent: accessKey,
      ...(accessKey ? { AccessKey1LastUsedDate: daysAgo(41) } : {}),
      PasswordLastUsed: daysAgo(account === MANAGEMENT ? 12 : 95),
    },
    ...mark,
  });
}

/** Password policy (model-only type, id = account id), in the IAM API's field names. */
function passwordPolicy(inv: Inventory, account: DemoAccount, strong: boolean, mark: Mark = {}): void {
  inv.add(globalIn(account), {
    type: 'AWS::IAM::AccountPasswordPolicy',
    id: account.id,
    name: `${account.name} password policy`,
    props: strong
      ? {
          MinimumPasswordLength: 14,
          RequireSymbols: true,
          RequireNumbers: true,
          RequireUppercaseCharacters: true,
          RequireLowercaseCharacters: true,
          AllowUsersToChangePassword: true,
          MaxPasswordAge: 90,
          PasswordReusePrevention: 24,
          HardExpiry: false,
        }
      : {
          MinimumPasswordLength: 8,
          RequireSymbols: false,
          RequireNumbers: true,
          RequireUppercaseCharacters: false,
          RequireLowercaseCharacters: true,
          AllowUsersToChangePassword: true,
          MaxPasswordAge: 0,
          PasswordReusePrevention: 0,
          HardExpiry: false,
        },
    ...mark,
  });
}

/** The role Organizations creates in every member account, trusted by the management account. */
function organizationAccessRole(inv: Inventory, account: DemoAccount): void {
  role(inv, account, 'OrganizationAccountAccessRole', trust({ AWS: `arn:aws:iam::${MANAGEMENT.id}:root` }), {
    managed: [AWS_MANAGED.admin],
    createdDaysAgo: 2100,
    lastUsedDaysAgo: 30,
  });
}

export function addIam(inv: Inventory, net: NetworkRefs): void {
  addManagementIam(inv);
  addSecurityIam(inv);
  addDevIam(inv, net);
  addProdIam(inv);
}

function addManagementIam(inv: Inventory): void {
  rootUser(inv, MANAGEMENT, true, true, { problem: 'iam-root-access-key-present' });
  passwordPolicy(inv, MANAGEMENT, true);
  role(inv, MANAGEMENT, 'cloudtrail-to-cloudwatch-logs', service('cloudtrail.amazonaws.com'), {
    inline: {
      'deliver-org-trail': policyDocument({
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `arn:aws:logs:us-east-1:${MANAGEMENT.id}:log-group:aws-cloudtrail-logs-org:*`,
      }),
    },
    lastUsedDaysAgo: 0,
  });
}

function addSecurityIam(inv: Inventory): void {
  rootUser(inv, SECURITY, true, false);
  passwordPolicy(inv, SECURITY, true, { twin: 'iam-password-policy-weak' });
  organizationAccessRole(inv, SECURITY);
  role(inv, SECURITY, 'sec-scanner-role', service('ec2.amazonaws.com'), {
    managed: [AWS_MANAGED.ssm, AWS_MANAGED.securityAudit],
    lastUsedDaysAgo: 0,
  });
  instanceProfile(inv, SECURITY, 'sec-scanner-profile', 'sec-scanner-role');
}

function addDevIam(inv: Inventory, net: NetworkRefs): void {
  rootUser(inv, DEV, false, false, { problem: 'iam-root-mfa-disabled' });
  passwordPolicy(inv, DEV, false, { problem: 'iam-password-policy-weak' });
  organizationAccessRole(inv, DEV);

  const lambdaDeveloper = managedPolicy(
    inv,
    DEV,
    'lambda-developer',
    'Build and debug Lambda functions in the dev account',
    policyDocument(
      {
        Sid: 'Functions',
        Effect: 'Allow',
        Action: 'lambda:*',
        Resource: `arn:aws:lambda:*:${DEV.id}:function:*`,
      },
      {
        Sid: 'PassExecutionRoles',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: `arn:aws:iam::${DEV.id}:role/lambda-exec-*`,
        Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      },
      {
        // Lambda checks the VPC settings with the caller's permissions.
        // https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
        Sid: 'ReadNetwork',
        Effect: 'Allow',
        Action: ['ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs'],
        Resource: '*',
      },
      {
        Sid: 'ReadLogs',
        Effect: 'Allow',
        Action: ['logs:Describe*', 'logs:Get*', 'logs:FilterLogEvents'],
        Resource: '*',
      },
    ),
    { twin: 'iam-policy-full-admin' },
  );
  const fullAccess = managedPolicy(
    inv,
    DEV,
    'dev-full-access',
    'Temporary full access for the 2024 migration',
    policyDocument({ Effect: 'Allow', Action: '*', Resource: '*' }),
    { problem: 'iam-policy-full-admin' },
  );

  // The notebook's four VPCs: 1 & 2 for testing (dev in both regions), 3 & 4 production.
  const testVpcs = [net.vpcs.dev, net.vpcs.devApac];
  const testSubnets = [
    net.subnets.devPrivateA.id,
    net.subnets.devPrivateB.id,
    net.subnets.devApacPrivateA.id,
  ];
  const lambdaActions = ['lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration'];
  // lambda:VpcIds is single-valued, so a plain negated operator; lambda:SubnetIds is multivalued,
  // so ForAnyValue: deny when any requested subnet is outside the list. A function without a VPC has
  // no lambda:VpcIds, and StringNotEquals on a missing key matches: it is denied too.
  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#vpc-conditions
  group(
    inv,
    DEV,
    'dev-team',
    [lambdaDeveloper],
    {
      'lambda-vpc-guardrail': policyDocument(
        {
          Sid: 'DenyLambdaOutsideTestVpcs',
          Effect: 'Deny',
          Action: lambdaActions,
          Resource: '*',
          Condition: { StringNotEquals: { 'lambda:VpcIds': testVpcs } },
        },
        {
          Sid: 'DenyLambdaOutsideTestSubnets',
          Effect: 'Deny',
          Action: lambdaActions,
          Resource: '*',
          Condition: { 'ForAnyValue:StringNotEquals': { 'lambda:SubnetIds': testSubnets } },
        },
      ),
    },
    { twin: 'iam-lambda-vpc-guardrail-inverted' },
  );
  // Written as the notebook has it: a Deny with StringEquals on VPCs 1 & 2 blocks the test VPCs and
  // leaves the production ones open.
  group(
    inv,
    DEV,
    'dev-contractors',
    [lambdaDeveloper],
    {
      'lambda-vpc-guardrail': policyDocument({
        Sid: 'EnforceOutOfVPC',
        Effect: 'Deny',
        Action: lambdaActions,
        Resource: '*',
        Condition: { StringEquals: { 'lambda:VpcIds': testVpcs } },
      }),
    },
    { problem: 'iam-lambda-vpc-guardrail-inverted' },
  );
  group(inv, DEV, 'dev-admins', [fullAccess]);

  user(inv, DEV, 'alice.dev', {
    groups: ['dev-team'],
    consoleLastUsedDaysAgo: 0,
    mfa: true,
    keys: [{ createdDaysAgo: 20, lastUsedDaysAgo: 0, service: 'lambda' }],
    twin: 'iam-user-console-without-mfa',
  });
  user(inv, DEV, 'bob.dev', {
    groups: ['dev-team'],
    consoleLastUsedDaysAgo: 2,
    mfa: false,
    problem: 'iam-user-console-without-mfa',
  });
  user(inv, DEV, 'carol.contractor', {
    groups: ['dev-contractors'],
    consoleLastUsedDaysAgo: 1,
    mfa: true,
    tags: { company: 'contractor-co' },
  });
  user(inv, DEV, 'ci-deployer', {
    groups: ['dev-admins'],
    keys: [{ createdDaysAgo: 412, lastUsedDaysAgo: 1, service: 'sts' }],
    problem: 'iam-access-key-not-rotated',
  });
  user(inv, DEV, 'legacy-reporting', {
    managed: [AWS_MANAGED.readOnly],
    keys: [{ createdDaysAgo: 80, lastUsedDaysAgo: 63, service: 's3' }],
    problem: 'iam-access-key-unused',
  });

  role(inv, DEV, 'lambda-exec-orders-api', service('lambda.amazonaws.com'), {
    managed: [AWS_MANAGED.lambdaBasic, AWS_MANAGED.lambdaVpc],
    lastUsedDaysAgo: 0,
  });
  role(inv, DEV, 'dev-ci-runner-role', service('ec2.amazonaws.com'), {
    managed: [AWS_MANAGED.ssm],
    inline: {
      'assume-prod-deploy': policyDocument({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: roleArn(PROD, 'deploy-from-dev'),
      }),
    },
    lastUsedDaysAgo: 0,
  });
  instanceProfile(inv, DEV, 'dev-ci-runner-profile', 'dev-ci-runner-role');
  role(inv, DEV, 'dev-app-role', service('ec2.amazonaws.com'), {
    managed: [AWS_MANAGED.ssm],
    lastUsedDaysAgo: 0,
  });
  instanceProfile(inv, DEV, 'dev-app-profile', 'dev-app-role');
}

function addProdIam(inv: Inventory): void {
  rootUser(inv, PROD, true, false, { twin: ['iam-root-mfa-disabled', 'iam-root-access-key-present'] });
  passwordPolicy(inv, PROD, true, { twin: 'iam-password-policy-weak' });
  organizationAccessRole(inv, PROD);

  group(inv, PROD, 'ops-admins', [AWS_MANAGED.readOnly], {
    operate: policyDocument({
      Effect: 'Allow',
      Action: [
        'ec2:StartInstances',
        'ec2:StopInstances',
        'ec2:RebootInstances',
        'autoscaling:SuspendProcesses',
        'autoscaling:ResumeProcesses',
        'ecs:UpdateService',
        'codepipeline:RetryStageExecution',
      ],
      Resource: '*',
    }),
  });
  user(inv, PROD, 'ops-admin', { groups: ['ops-admins'], consoleLastUsedDaysAgo: 0, mfa: true });
  user(inv, PROD, 'svc-backup-reader', {
    inline: {
      'read-backups': policyDocument({
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: ['arn:aws:s3:::companya-prod-documents', 'arn:aws:s3:::companya-prod-documents/*'],
      }),
    },
    keys: [{ createdDaysAgo: 30, lastUsedDaysAgo: 0, service: 's3' }],
    twin: ['iam-access-key-not-rotated', 'iam-access-key-unused'],
  });

  // The notebook's cross-account deploy: a role in prod trusted by exactly the dev CI role, with the
  // permissions a deployment needs.
  role(inv, PROD, 'deploy-from-dev', trust({ AWS: roleArn(DEV, 'dev-ci-runner-role') }), {
    description: 'Assumed by the dev CI runners to deploy to prod',
    inline: {
      deploy: policyDocument(
        {
          Effect: 'Allow',
          Action: [
            'ecs:UpdateService',
            'ecs:DescribeServices',
            'ecs:RegisterTaskDefinition',
            'ecs:DescribeTaskDefinition',
          ],
          Resource: '*',
        },
        {
          Effect: 'Allow',
          Action: [
            'ecr:GetAuthorizationToken',
            'ecr:BatchCheckLayerAvailability',
            'ecr:PutImage',
            'ecr:InitiateLayerUpload',
            'ecr:UploadLayerPart',
            'ecr:CompleteLayerUpload',
          ],
          Resource: '*',
        },
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: [roleArn(PROD, 'prod-ecs-task-execution'), roleArn(PROD, 'orders-worker-task')],
          Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        },
      ),
    },
    lastUsedDaysAgo: 1,
    twin: 'iam-role-cross-account-admin',
  });
  role(inv, PROD, 'prod-deploy-legacy', trust({ AWS: `arn:aws:iam::${DEV.id}:root` }), {
    description: 'Old Jenkins deploy role',
    managed: [AWS_MANAGED.admin],
    createdDaysAgo: 1400,
    lastUsedDaysAgo: 1,
    problem: 'iam-role-cross-account-admin',
  });

  // Third parties. MaxSessionDuration cannot go below 3600 s; the consultant requests
  // DurationSeconds=900 when assuming the role (the notebook's "900 seconds").
  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html
  role(
    inv,
    PROD,
    'consultant-s3-read',
    trust(
      { AWS: `arn:aws:iam::${EXTERNAL.consultant}:root` },
      { StringEquals: { 'sts:ExternalId': 'companya-consultant-7f3e2c' } },
    ),
    {
      description: 'Read-only access to the consultant share for an external consultant',
      maxSession: 3600,
      inline: {
        'consultant-share-read': policyDocument(
          { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::companya-consultant-share' },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::companya-consultant-share/*' },
        ),
      },
      lastUsedDaysAgo: 3,
      tags: { 'third-party': 'consultant' },
      twin: ['iam-role-third-party-long-session', 'iam-role-third-party-no-external-id'],
    },
  );
  role(
    inv,
    PROD,
    'vendor-audit-readonly',
    trust(
      { AWS: `arn:aws:iam::${EXTERNAL.auditVendor}:root` },
      { StringEquals: { 'sts:ExternalId': 'companya-audit-91b0d4' } },
    ),
    {
      description: 'Annual audit vendor',
      maxSession: 43200,
      managed: [AWS_MANAGED.readOnly],
      lastUsedDaysAgo: 40,
      tags: { 'third-party': 'audit-vendor' },
      problem: 'iam-role-third-party-long-session',
    },
  );
  role(inv, PROD, 'vendor-monitoring', trust({ AWS: `arn:aws:iam::${EXTERNAL.monitoringVendor}:root` }), {
    description: 'SaaS monitoring integration',
    inline: {
      'read-metrics': policyDocument({
        Effect: 'Allow',
        Action: [
          'cloudwatch:GetMetricData',
          'cloudwatch:ListMetrics',
          'cloudwatch:DescribeAlarms',
          'tag:GetResources',
        ],
        Resource: '*',
      }),
    },
    lastUsedDaysAgo: 0,
    tags: { 'third-party': 'monitoring-vendor' },
    problem: 'iam-role-third-party-no-external-id',
  });

  // SAML federation with the corporate AD FS: users get temporary credentials through
  // AssumeRoleWithSAML, one role per AD group.
  const saml = `arn:aws:iam::${PROD.id}:saml-provider/CompanyA-ADFS`;
  inv.add(globalIn(PROD), {
    type: 'AWS::IAM::SAMLProvider',
    id: saml,
    arn: saml,
    name: 'CompanyA-ADFS',
    props: {
      Name: 'CompanyA-ADFS',
      SamlMetadataDocument:
        '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://adfs.companya.com/adfs/services/trust"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://adfs.companya.com/adfs/ls/"/></IDPSSODescriptor></EntityDescriptor>',
    },
    observed: { CreateDate: daysAgo(900), ValidUntil: daysAgo(-500) },
  });
  role(
    inv,
    PROD,
    'ADFS-ReadOnly',
    trust({ Federated: saml }, { StringEquals: { 'SAML:aud': SAML_AUDIENCE } }, 'sts:AssumeRoleWithSAML'),
    {
      managed: [AWS_MANAGED.readOnly],
      lastUsedDaysAgo: 0,
      twin: 'iam-role-saml-trust-without-audience',
    },
  );
  role(inv, PROD, 'ADFS-Operators', trust({ Federated: saml }, undefined, 'sts:AssumeRoleWithSAML'), {
    managed: [AWS_MANAGED.powerUser],
    lastUsedDaysAgo: 0,
    problem: 'iam-role-saml-trust-without-audience',
  });

  // Instance roles: the notebook's "IAM Role with required permissions … assigned to the EC2 instance".
  const dynamo = (tables: string) => `arn:aws:dynamodb:us-east-1:${PROD.id}:table/${tables}`;
  role(inv, PROD, 'prod-web-instance-role', service('ec2.amazonaws.com'), {
    managed: [AWS_MANAGED.ssm],
    inline: {
      'social-tables': policyDocument({
        Effect: 'Allow',
        Action: [
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
          'dynamodb:BatchGetItem',
        ],
        Resource: [dynamo('social-*'), dynamo('social-*/index/*')],
      }),
    },
    lastUsedDaysAgo: 0,
  });
  instanceProfile(inv, PROD, 'prod-web-profile', 'prod-web-instance-role');
  role(inv, PROD, 'prod-api-instance-role', service('ec2.amazonaws.com'), {
    managed: [AWS_MANAGED.ssm],
    inline: {
      orders: policyDocument(
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
          Resource: dynamo('orders'),
        },
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: 'arn:aws:s3:::companya-prod-documents/*',
        },
      ),
    },
    lastUsedDaysAgo: 0,
  });
  instanceProfile(inv, PROD, 'prod-api-profile', 'prod-api-instance-role');
  role(inv, PROD, 'prod-reporting-instance-role', service('ec2.amazonaws.com'), {
    managed: [AWS_MANAGED.ssm],
    lastUsedDaysAgo: 0,
  });
  instanceProfile(inv, PROD, 'prod-reporting-profile', 'prod-reporting-instance-role');

  role(inv, PROD, 'prod-ecs-task-execution', service('ecs-tasks.amazonaws.com'), {
    managed: [AWS_MANAGED.ecsTaskExecution],
    lastUsedDaysAgo: 0,
  });
  role(inv, PROD, 'orders-worker-task', service('ecs-tasks.amazonaws.com'), {
    inline: {
      orders: policyDocument({
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        Resource: dynamo('orders'),
      }),
    },
    lastUsedDaysAgo: 0,
  });
  role(inv, PROD, 's3-replication', service('s3.amazonaws.com'), {
    inline: {
      replicate: policyDocument(
        {
          Effect: 'Allow',
          Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
          Resource: 'arn:aws:s3:::companya-prod-*',
        },
        {
          Effect: 'Allow',
          Action: [
            's3:GetObjectVersionForReplication',
            's3:GetObjectVersionAcl',
            's3:GetObjectVersionTagging',
          ],
          Resource: 'arn:aws:s3:::companya-prod-*/*',
        },
        {
          Effect: 'Allow',
          Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
          Resource: 'arn:aws:s3:::companya-prod-*/*',
        },
      ),
    },
    lastUsedDaysAgo: 0,
  });
  role(inv, PROD, 'codepipeline-orders', service('codepipeline.amazonaws.com'), {
    inline: {
      pipeline: policyDocument(
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:GetBucketVersioning'],
          Resource: `arn:aws:s3:::companya-pipeline-artifacts-${PROD.id}/*`,
        },
        { Effect: 'Allow', Action: ['codebuild:StartBuild', 'codebuild:BatchGetBuilds'], Resource: '*' },
        { Effect: 'Allow', Action: ['ecs:*'], Resource: '*' },
        { Effect: 'Allow', Action: 'codestar-connections:UseConnection', Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: '*',
          Condition: { StringEqualsIfExists: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        },
      ),
    },
    lastUsedDaysAgo: 0,
  });
  role(inv, PROD, 'codebuild-orders', service('codebuild.amazonaws.com'), {
    inline: {
      build: policyDocument(
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: '*',
        },
        {
          Effect: 'Allow',
          Action: [
            'ecr:GetAuthorizationToken',
            'ecr:BatchCheckLayerAvailability',
            'ecr:PutImage',
            'ecr:InitiateLayerUpload',
            'ecr:UploadLayerPart',
            'ecr:CompleteLayerUpload',
          ],
          Resource: '*',
        },
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: `arn:aws:s3:::companya-pipeline-artifacts-${PROD.id}/*`,
        },
      ),
    },
    lastUsedDaysAgo: 0,
  });
  role(inv, PROD, 'lambda-exec-reports', service('lambda.amazonaws.com'), {
    managed: [AWS_MANAGED.lambdaBasic, AWS_MANAGED.lambdaVpc],
    inline: {
      'read-db-secret': policyDocument({
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: `arn:aws:secretsmanager:us-east-1:${PROD.id}:secret:prod/invoices/db-*`,
      }),
    },
    lastUsedDaysAgo: 0,
  });
  role(
    inv,
    PROD,
    'AWSServiceRoleForApplicationAutoScaling_DynamoDBTable',
    service('dynamodb.application-autoscaling.amazonaws.com'),
    {
      path: '/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/',
      managed: [AWS_MANAGED.dynamoDbAutoscaling],
      lastUsedDaysAgo: 0,
    },
  );
  role(inv, PROD, 'AWSBackupDefaultServiceRole', service('backup.amazonaws.com'), {
    path: '/service-role/',
    managed: [AWS_MANAGED.backup],
    lastUsedDaysAgo: 0,
  });
}
