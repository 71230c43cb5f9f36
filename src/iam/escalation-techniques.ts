/**
 * Privilege-escalation techniques as data: which permissions a principal needs, on what, and what
 * it gains. The ids follow the public catalogue of escalation paths (pathfinding.cloud, which
 * collects the Rhino Security Labs, Bishop Fox and later research), so a finding can be looked up
 * there; the declarations themselves are this project's reading of each path.
 * https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
 *
 * `findEscalations` (escalation.ts) interprets these: for each principal and each candidate
 * target it asks the policy engine whether every required action is allowed, so explicit denies,
 * permission boundaries and SCPs block a path exactly as they block the real calls.
 */

/** How a technique gains access, as the path catalogue groups them. */
export type TechniqueCategory = 'self-escalation' | 'principal-access' | 'new-passrole' | 'existing-passrole';

/** What the technique acts on; `findEscalations` enumerates candidates of this kind from the model. */
export type TargetSpec =
  /** A customer-managed policy attached to the principal (directly, or to a group of the user). */
  | { kind: 'own-managed-policy' }
  /** The principal's own user or role. */
  | { kind: 'self' }
  /** A group the user belongs to. */
  | { kind: 'own-group' }
  /** Any group of the account (the user adds itself to it). */
  | { kind: 'group' }
  /** Another IAM user. */
  | { kind: 'user' }
  /** Another IAM role. */
  | { kind: 'role' }
  /** A customer-managed policy attached to another role, with that role. */
  | { kind: 'role-managed-policy' }
  /** A role whose trust policy lets one of these services assume it (the principal passes it to a new workload). */
  | {
      kind: 'service-role';
      services: string[];
      /** EC2 needs the role wrapped in an instance profile. */
      needsInstanceProfile?: boolean;
      /** An existing resource of one of these types must exist (a cluster to run in, a job to update). */
      requiresResource?: string[];
    }
  /** An existing workload of one of these types that runs with a role (the principal hijacks it). */
  | { kind: 'workload'; resourceTypes: string[] };

/**
 * What a required permission is checked against:
 * - `target`: the target's ARN (user, role, group, policy, or the workload);
 * - `role`: the role the technique ends up as (for `role-managed-policy` and `workload` targets);
 * - `pass-role`: the role handed to a service (`iam:PassRole`), with `iam:PassedToService` set;
 * - `existing`: the existing resource a `service-role` technique requires;
 * - `new`: a resource the principal creates (a representative ARN; `*` for actions without resource types).
 */
export type PermissionSubject = 'target' | 'role' | 'pass-role' | 'existing' | 'new';

export interface RequiredPermission {
  action: string;
  on: PermissionSubject;
}

export interface EscalationTechnique {
  /** Id in the public path catalogue, e.g. `iam-001`. */
  id: string;
  title: string;
  category: TechniqueCategory;
  /** Which kinds of principal can use it (e.g. only users have groups); all when omitted. */
  principalTypes?: Array<'user' | 'role'>;
  target: TargetSpec;
  permissions: RequiredPermission[];
  /**
   * `admin`: the principal can write itself any permission (a policy it controls);
   * `target`: it gains what the target (a role, user or group) has.
   */
  gains: 'admin' | 'target';
  /** One sentence: how the path works. */
  summary: string;
}

const passRole: RequiredPermission = { action: 'iam:PassRole', on: 'pass-role' };
const onNew = (...actions: string[]): RequiredPermission[] =>
  actions.map((action) => ({ action, on: 'new' }));
const onTarget = (...actions: string[]): RequiredPermission[] =>
  actions.map((action) => ({ action, on: 'target' }));

function newPassRole(
  id: string,
  services: string[],
  actions: string[],
  summary: string,
  extra: { needsInstanceProfile?: boolean; requiresResource?: string[]; onExisting?: string[] } = {},
): EscalationTechnique {
  const permissions = [passRole, ...onNew(...actions)];
  for (const a of extra.onExisting ?? []) permissions.push({ action: a, on: 'existing' });
  return {
    id,
    title: ['iam:PassRole', ...actions, ...(extra.onExisting ?? [])].join(' + '),
    category: 'new-passrole',
    target: {
      kind: 'service-role',
      services,
      ...(extra.needsInstanceProfile ? { needsInstanceProfile: true } : {}),
      ...(extra.requiresResource ? { requiresResource: extra.requiresResource } : {}),
    },
    permissions,
    gains: 'target',
    summary,
  };
}

function hijack(
  id: string,
  resourceTypes: string[],
  actions: string[],
  summary: string,
  newActions: string[] = [],
): EscalationTechnique {
  return {
    id,
    title: [...newActions, ...actions].join(' + '),
    category: 'existing-passrole',
    target: { kind: 'workload', resourceTypes },
    permissions: [...onNew(...newActions), ...onTarget(...actions)],
    gains: 'target',
    summary,
  };
}

const LAMBDA = ['AWS::Lambda::Function'];
const INSTANCE = ['AWS::EC2::Instance'];
const CODEBUILD = ['AWS::CodeBuild::Project'];
const STACK = ['AWS::CloudFormation::Stack'];
const NOTEBOOK = ['AWS::SageMaker::NotebookInstance'];

/** Every technique, one per path of the catalogue. */
export const ESCALATION_TECHNIQUES: readonly EscalationTechnique[] = [
  // --- IAM: the principal rewrites its own permissions ---------------------------------------
  {
    id: 'iam-001',
    title: 'iam:CreatePolicyVersion',
    category: 'self-escalation',
    target: { kind: 'own-managed-policy' },
    permissions: onTarget('iam:CreatePolicyVersion'),
    gains: 'admin',
    summary: 'Publishes a new default version of a customer-managed policy already attached to itself.',
  },
  {
    id: 'iam-005',
    title: 'iam:PutRolePolicy',
    category: 'self-escalation',
    principalTypes: ['role'],
    target: { kind: 'self' },
    permissions: onTarget('iam:PutRolePolicy'),
    gains: 'admin',
    summary: 'Writes an inline policy of its choosing into its own role.',
  },
  {
    id: 'iam-007',
    title: 'iam:PutUserPolicy',
    category: 'self-escalation',
    principalTypes: ['user'],
    target: { kind: 'self' },
    permissions: onTarget('iam:PutUserPolicy'),
    gains: 'admin',
    summary: 'Writes an inline policy of its choosing into its own user.',
  },
  {
    id: 'iam-008',
    title: 'iam:AttachUserPolicy',
    category: 'self-escalation',
    principalTypes: ['user'],
    target: { kind: 'self' },
    permissions: onTarget('iam:AttachUserPolicy'),
    gains: 'admin',
    summary: 'Attaches an administrative managed policy (AdministratorAccess always exists) to its own user.',
  },
  {
    id: 'iam-009',
    title: 'iam:AttachRolePolicy',
    category: 'self-escalation',
    principalTypes: ['role'],
    target: { kind: 'self' },
    permissions: onTarget('iam:AttachRolePolicy'),
    gains: 'admin',
    summary: 'Attaches an administrative managed policy to its own role.',
  },
  {
    id: 'iam-010',
    title: 'iam:AttachGroupPolicy',
    category: 'self-escalation',
    principalTypes: ['user'],
    target: { kind: 'own-group' },
    permissions: onTarget('iam:AttachGroupPolicy'),
    gains: 'admin',
    summary: 'Attaches an administrative managed policy to a group it is a member of.',
  },
  {
    id: 'iam-011',
    title: 'iam:PutGroupPolicy',
    category: 'self-escalation',
    principalTypes: ['user'],
    target: { kind: 'own-group' },
    permissions: onTarget('iam:PutGroupPolicy'),
    gains: 'admin',
    summary: 'Writes an inline policy of its choosing into a group it is a member of.',
  },
  {
    id: 'iam-013',
    title: 'iam:AddUserToGroup',
    category: 'self-escalation',
    principalTypes: ['user'],
    target: { kind: 'group' },
    permissions: onTarget('iam:AddUserToGroup'),
    gains: 'target',
    summary: "Adds itself to a group and inherits the group's permissions.",
  },
  // --- IAM: the principal takes over another principal ---------------------------------------
  {
    id: 'iam-002',
    title: 'iam:CreateAccessKey',
    category: 'principal-access',
    target: { kind: 'user' },
    permissions: onTarget('iam:CreateAccessKey'),
    gains: 'target',
    summary: 'Creates an access key for another user (who has fewer than two) and signs in as that user.',
  },
  {
    id: 'iam-003',
    title: 'iam:CreateAccessKey + iam:DeleteAccessKey',
    category: 'principal-access',
    target: { kind: 'user' },
    permissions: onTarget('iam:CreateAccessKey', 'iam:DeleteAccessKey'),
    gains: 'target',
    summary:
      "Deletes one of another user's two access keys to make room, then creates its own key for that user.",
  },
  {
    id: 'iam-004',
    title: 'iam:CreateLoginProfile',
    category: 'principal-access',
    target: { kind: 'user' },
    permissions: onTarget('iam:CreateLoginProfile'),
    gains: 'target',
    summary: 'Sets a console password for another user that has none, and signs in as that user.',
  },
  {
    id: 'iam-006',
    title: 'iam:UpdateLoginProfile',
    category: 'principal-access',
    target: { kind: 'user' },
    permissions: onTarget('iam:UpdateLoginProfile'),
    gains: 'target',
    summary: "Changes another user's console password and signs in as that user.",
  },
  {
    id: 'iam-012',
    title: 'iam:UpdateAssumeRolePolicy',
    category: 'principal-access',
    target: { kind: 'role' },
    permissions: onTarget('iam:UpdateAssumeRolePolicy'),
    gains: 'target',
    summary: "Rewrites a role's trust policy to trust itself, then assumes the role.",
  },
  {
    id: 'iam-014',
    title: 'iam:AttachRolePolicy + sts:AssumeRole',
    category: 'principal-access',
    target: { kind: 'role' },
    permissions: onTarget('iam:AttachRolePolicy', 'sts:AssumeRole'),
    gains: 'admin',
    summary: 'Attaches an administrative managed policy to a role that trusts it, then assumes that role.',
  },
  {
    id: 'iam-015',
    title: 'iam:AttachUserPolicy + iam:CreateAccessKey',
    category: 'principal-access',
    target: { kind: 'user' },
    permissions: onTarget('iam:AttachUserPolicy', 'iam:CreateAccessKey'),
    gains: 'admin',
    summary: 'Attaches an administrative managed policy to another user, then creates an access key for it.',
  },
  {
    id: 'iam-016',
    title: 'iam:CreatePolicyVersion + sts:AssumeRole',
    category: 'principal-access',
    target: { kind: 'role-managed-policy' },
    permissions: [
      { action: 'iam:CreatePolicyVersion', on: 'target' },
      { action: 'sts:AssumeRole', on: 'role' },
    ],
    gains: 'admin',
    summary: 'Publishes a new version of a policy attached to a role that trusts it, then assumes the role.',
  },
  {
    id: 'iam-017',
    title: 'iam:PutRolePolicy + sts:AssumeRole',
    category: 'principal-access',
    target: { kind: 'role' },
    permissions: onTarget('iam:PutRolePolicy', 'sts:AssumeRole'),
    gains: 'admin',
    summary: 'Writes an inline policy into a role that trusts it, then assumes the role.',
  },
  {
    id: 'iam-018',
    title: 'iam:PutUserPolicy + iam:CreateAccessKey',
    category: 'principal-access',
    target: { kind: 'user' },
    permissions: onTarget('iam:PutUserPolicy', 'iam:CreateAccessKey'),
    gains: 'admin',
    summary: 'Writes an inline policy into another user, then creates an access key for it.',
  },
  {
    id: 'iam-019',
    title: 'iam:AttachRolePolicy + iam:UpdateAssumeRolePolicy',
    category: 'principal-access',
    target: { kind: 'role' },
    permissions: onTarget('iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'),
    gains: 'admin',
    summary: 'Attaches an administrative policy to a role and rewrites its trust policy to trust itself.',
  },
  {
    id: 'iam-020',
    title: 'iam:CreatePolicyVersion + iam:UpdateAssumeRolePolicy',
    category: 'principal-access',
    target: { kind: 'role-managed-policy' },
    permissions: [
      { action: 'iam:CreatePolicyVersion', on: 'target' },
      { action: 'iam:UpdateAssumeRolePolicy', on: 'role' },
    ],
    gains: 'admin',
    summary:
      "Publishes a new version of a role's customer-managed policy and rewrites the role's trust to itself.",
  },
  {
    id: 'iam-021',
    title: 'iam:PutRolePolicy + iam:UpdateAssumeRolePolicy',
    category: 'principal-access',
    target: { kind: 'role' },
    permissions: onTarget('iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'),
    gains: 'admin',
    summary: 'Writes an inline policy into a role and rewrites its trust policy to trust itself.',
  },
  {
    id: 'sts-001',
    title: 'sts:AssumeRole',
    category: 'principal-access',
    target: { kind: 'role' },
    permissions: onTarget('sts:AssumeRole'),
    gains: 'target',
    summary: 'Assumes a role whose trust policy (and its own identity policies) let it.',
  },
  // --- Passing an existing role to a new workload --------------------------------------------
  newPassRole(
    'apprunner-001',
    ['tasks.apprunner.amazonaws.com'],
    ['apprunner:CreateService'],
    'Creates an App Runner service running its own code with the passed instance role.',
  ),
  newPassRole(
    'bedrock-001',
    ['bedrock-agentcore.amazonaws.com'],
    [
      'bedrock-agentcore:CreateCodeInterpreter',
      'bedrock-agentcore:StartCodeInterpreterSession',
      'bedrock-agentcore:InvokeCodeInterpreter',
    ],
    'Creates a Bedrock AgentCore code interpreter with the passed role and runs code in it.',
  ),
  newPassRole(
    'cloudformation-001',
    ['cloudformation.amazonaws.com'],
    ['cloudformation:CreateStack'],
    'Creates a stack whose resources CloudFormation creates with the passed service role.',
  ),
  newPassRole(
    'cloudformation-003',
    ['cloudformation.amazonaws.com'],
    ['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'],
    'Creates a StackSet and its instances, deployed with the passed administration/execution roles.',
  ),
  newPassRole(
    'codebuild-001',
    ['codebuild.amazonaws.com'],
    ['codebuild:CreateProject', 'codebuild:StartBuild'],
    'Creates a CodeBuild project with the passed service role and starts a build of its own buildspec.',
  ),
  newPassRole(
    'codebuild-004',
    ['codebuild.amazonaws.com'],
    ['codebuild:CreateProject', 'codebuild:StartBuildBatch'],
    'Creates a CodeBuild project with the passed service role and starts a batch build.',
  ),
  newPassRole(
    'datapipeline-001',
    ['datapipeline.amazonaws.com', 'elasticmapreduce.amazonaws.com'],
    ['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'],
    'Creates and activates a Data Pipeline whose activities run commands with the passed role.',
  ),
  newPassRole(
    'ec2-001',
    ['ec2.amazonaws.com'],
    ['ec2:RunInstances'],
    "Launches an instance with the role's instance profile and reads the credentials from it.",
    { needsInstanceProfile: true },
  ),
  newPassRole(
    'ec2-003',
    ['ec2.amazonaws.com'],
    ['ec2:RequestSpotInstances'],
    "Requests a Spot instance with the role's instance profile and reads the credentials from it.",
    { needsInstanceProfile: true },
  ),
  newPassRole(
    'ecs-001',
    ['ecs-tasks.amazonaws.com'],
    ['ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'],
    'Creates a cluster and a service whose task definition runs with the passed task role.',
  ),
  newPassRole(
    'ecs-002',
    ['ecs-tasks.amazonaws.com'],
    ['ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'],
    'Creates a cluster and runs a task whose definition carries the passed task role.',
  ),
  newPassRole(
    'ecs-003',
    ['ecs-tasks.amazonaws.com'],
    ['ecs:RegisterTaskDefinition', 'ecs:CreateService'],
    'Creates a service in an existing cluster whose task definition carries the passed task role.',
    { requiresResource: ['AWS::ECS::Cluster'] },
  ),
  newPassRole(
    'ecs-004',
    ['ecs-tasks.amazonaws.com'],
    ['ecs:RegisterTaskDefinition', 'ecs:RunTask'],
    'Runs a task in an existing cluster whose definition carries the passed task role.',
    { requiresResource: ['AWS::ECS::Cluster'] },
  ),
  newPassRole(
    'ecs-005',
    ['ecs-tasks.amazonaws.com'],
    ['ecs:RegisterTaskDefinition', 'ecs:StartTask'],
    'Starts a task on an existing container instance whose definition carries the passed task role.',
    { requiresResource: ['AWS::ECS::Cluster'] },
  ),
  newPassRole(
    'glue-001',
    ['glue.amazonaws.com'],
    ['glue:CreateDevEndpoint'],
    'Creates a Glue development endpoint with the passed role and logs in to it over SSH.',
  ),
  newPassRole(
    'glue-003',
    ['glue.amazonaws.com'],
    ['glue:CreateJob', 'glue:StartJobRun'],
    'Creates and runs a Glue job whose script runs with the passed role.',
  ),
  newPassRole(
    'glue-004',
    ['glue.amazonaws.com'],
    ['glue:CreateJob', 'glue:CreateTrigger'],
    'Creates a Glue job with the passed role and a trigger that starts it.',
  ),
  newPassRole(
    'glue-005',
    ['glue.amazonaws.com'],
    ['glue:StartJobRun'],
    'Points an existing Glue job at its own script and the passed role, then runs it.',
    { requiresResource: ['AWS::Glue::Job'], onExisting: ['glue:UpdateJob'] },
  ),
  newPassRole(
    'glue-006',
    ['glue.amazonaws.com'],
    ['glue:CreateTrigger'],
    'Points an existing Glue job at its own script and the passed role, and triggers it.',
    { requiresResource: ['AWS::Glue::Job'], onExisting: ['glue:UpdateJob'] },
  ),
  newPassRole(
    'lambda-001',
    ['lambda.amazonaws.com'],
    ['lambda:CreateFunction', 'lambda:InvokeFunction'],
    'Creates a function with the passed execution role and invokes it.',
  ),
  newPassRole(
    'lambda-002',
    ['lambda.amazonaws.com'],
    ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
    'Creates a function with the passed role and maps an existing stream or queue to trigger it.',
    { requiresResource: ['AWS::SQS::Queue', 'AWS::Kinesis::Stream', 'AWS::DynamoDB::Table'] },
  ),
  newPassRole(
    'lambda-006',
    ['lambda.amazonaws.com'],
    ['lambda:CreateFunction', 'lambda:AddPermission'],
    'Creates a function with the passed role and grants itself (or anyone) the right to invoke it.',
  ),
  newPassRole(
    'sagemaker-001',
    ['sagemaker.amazonaws.com'],
    ['sagemaker:CreateNotebookInstance'],
    'Creates a notebook instance with the passed role and opens its Jupyter terminal.',
  ),
  newPassRole(
    'sagemaker-002',
    ['sagemaker.amazonaws.com'],
    ['sagemaker:CreateTrainingJob'],
    'Creates a training job whose container runs its own code with the passed role.',
  ),
  newPassRole(
    'sagemaker-003',
    ['sagemaker.amazonaws.com'],
    ['sagemaker:CreateProcessingJob'],
    'Creates a processing job whose container runs its own code with the passed role.',
  ),
  {
    id: 'cloudformation-004',
    title: 'iam:PassRole + cloudformation:UpdateStackSet',
    category: 'new-passrole',
    target: { kind: 'workload', resourceTypes: ['AWS::CloudFormation::StackSet'] },
    permissions: [passRole, { action: 'cloudformation:UpdateStackSet', on: 'target' }],
    gains: 'target',
    summary: "Updates an existing StackSet's template; its execution role deploys the new resources.",
  },
  // --- Hijacking an existing workload that runs with a role ----------------------------------
  hijack(
    'apprunner-002',
    ['AWS::AppRunner::Service'],
    ['apprunner:UpdateService'],
    'Replaces the code or image of an App Runner service that runs with a role.',
  ),
  hijack(
    'bedrock-002',
    ['AWS::BedrockAgentCore::CodeInterpreterCustom'],
    ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'],
    'Runs code in an existing code interpreter that has an execution role.',
  ),
  hijack(
    'cloudformation-002',
    STACK,
    ['cloudformation:UpdateStack'],
    "Updates a stack's template; the stack's service role creates the new resources.",
  ),
  {
    // The catalogue files this under new-passrole, though it works through the stack's existing role.
    ...hijack(
      'cloudformation-005',
      STACK,
      ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
      "Creates and executes a change set on a stack; the stack's service role applies it.",
    ),
    category: 'new-passrole',
  },
  hijack(
    'codebuild-002',
    CODEBUILD,
    ['codebuild:StartBuild'],
    'Starts a build of an existing project with an overridden buildspec.',
  ),
  hijack(
    'codebuild-003',
    CODEBUILD,
    ['codebuild:StartBuildBatch'],
    'Starts a batch build of an existing project with an overridden buildspec.',
  ),
  hijack(
    'ec2-002',
    INSTANCE,
    ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'],
    'Replaces the user data of a stopped instance that has an instance profile, and starts it.',
  ),
  hijack(
    'ec2-004',
    ['AWS::EC2::LaunchTemplate'],
    ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'],
    'Publishes a new default launch-template version with its own user data; instances launched from it run with the profile.',
  ),
  hijack(
    'ec2instanceconnect-003',
    INSTANCE,
    ['ec2-instance-connect:SendSSHPublicKey'],
    "Pushes an SSH key to an instance with a role and reads the role's credentials from it.",
    ['ec2:DescribeInstances'],
  ),
  hijack(
    'glue-002',
    ['AWS::Glue::DevEndpoint'],
    ['glue:UpdateDevEndpoint'],
    'Adds its SSH key to an existing Glue development endpoint and logs in.',
  ),
  hijack(
    'lambda-003',
    LAMBDA,
    ['lambda:UpdateFunctionCode'],
    "Replaces a function's code; the next invocation runs it with the function's role.",
  ),
  hijack(
    'lambda-004',
    LAMBDA,
    ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'],
    "Replaces a function's code and invokes it.",
  ),
  hijack(
    'lambda-005',
    LAMBDA,
    ['lambda:UpdateFunctionCode', 'lambda:AddPermission'],
    "Replaces a function's code and grants itself the right to invoke it.",
  ),
  hijack(
    'sagemaker-004',
    NOTEBOOK,
    ['sagemaker:CreatePresignedNotebookInstanceUrl'],
    'Opens an existing notebook instance through a presigned URL and uses its role.',
  ),
  hijack(
    'sagemaker-005',
    NOTEBOOK,
    ['sagemaker:StopNotebookInstance', 'sagemaker:UpdateNotebookInstance', 'sagemaker:StartNotebookInstance'],
    'Attaches a lifecycle script of its own to an existing notebook instance and restarts it.',
    ['sagemaker:CreateNotebookInstanceLifecycleConfig'],
  ),
  hijack(
    'ssm-001',
    INSTANCE,
    ['ssm:StartSession'],
    'Opens a Session Manager shell on an instance with a role.',
  ),
  hijack('ssm-002', INSTANCE, ['ssm:SendCommand'], 'Runs a command through SSM on an instance with a role.'),
];
