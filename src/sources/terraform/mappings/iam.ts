/**
 * IAM principals and policies. Inline policies (`aws_iam_role_policy`) fold into `Policies[]`,
 * attachments (`aws_iam_role_policy_attachment`, `aws_iam_policy_attachment`) into `ManagedPolicyArns[]`,
 * as the CloudFormation source folds `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy`.
 */
import { isUnresolved } from '../../../model/index.js';
import { appendItems } from './fold.js';
import {
  configuredValue,
  copy,
  isSet,
  mapBlocks,
  policyDocument,
  put,
  strings,
  type Props,
} from './helpers.js';
import type { FoldMapping, FoldTargetSpec, TypeMapping } from './types.js';

function inlinePolicy(name: unknown, policy: unknown): Props {
  return put(put({}, 'PolicyName', name), 'PolicyDocument', policyDocument(policy));
}

const role: TypeMapping = {
  cfnType: 'AWS::IAM::Role',
  nameProp: 'RoleName',
  global: true,
  props: (inst) => {
    const v = inst.values;
    const props: Props = {};
    put(props, 'RoleName', configuredValue(inst, 'name'));
    put(props, 'Path', v.path);
    put(props, 'Description', v.description);
    put(props, 'AssumeRolePolicyDocument', policyDocument(v.assume_role_policy));
    put(props, 'MaxSessionDuration', v.max_session_duration);
    put(props, 'PermissionsBoundary', v.permissions_boundary);
    // Both are computed (from the attachments and role policies) when the configuration leaves them out.
    put(props, 'ManagedPolicyArns', strings(configuredValue(inst, 'managed_policy_arns')));
    const inline = mapBlocks(configuredValue(inst, 'inline_policy'), (p) =>
      isSet(p.name) || isSet(p.policy) ? inlinePolicy(p.name, p.policy) : undefined,
    );
    put(props, 'Policies', inline);
    return props;
  },
};

const user: TypeMapping = {
  cfnType: 'AWS::IAM::User',
  nameProp: 'UserName',
  global: true,
  props: (inst) =>
    put(
      copy(inst.values, { path: 'Path', permissions_boundary: 'PermissionsBoundary' }),
      'UserName',
      configuredValue(inst, 'name'),
    ),
};

const group: TypeMapping = {
  cfnType: 'AWS::IAM::Group',
  nameProp: 'GroupName',
  global: true,
  tags: 'none',
  props: (inst) => put(copy(inst.values, { path: 'Path' }), 'GroupName', configuredValue(inst, 'name')),
};

const managedPolicy: TypeMapping = {
  cfnType: 'AWS::IAM::ManagedPolicy',
  nameProp: 'ManagedPolicyName',
  global: true,
  tags: 'none',
  props: (inst) => {
    const props = copy(inst.values, { path: 'Path', description: 'Description' });
    put(props, 'ManagedPolicyName', configuredValue(inst, 'name'));
    put(props, 'PolicyDocument', policyDocument(inst.values.policy));
    return props;
  },
};

const instanceProfile: TypeMapping = {
  cfnType: 'AWS::IAM::InstanceProfile',
  nameProp: 'InstanceProfileName',
  global: true,
  tags: 'none',
  props: (inst) => {
    const props = copy(inst.values, { path: 'Path' });
    put(props, 'InstanceProfileName', configuredValue(inst, 'name'));
    const r = inst.values.role;
    if (isSet(r)) props.Roles = [r];
    return props;
  },
};

const accessKey: TypeMapping = {
  cfnType: 'AWS::IAM::AccessKey',
  global: true,
  tags: 'none',
  // The secret and its encrypted forms are never read.
  props: (inst) => copy(inst.values, { user: 'UserName', status: 'Status' }),
};

const oidcProvider: TypeMapping = {
  cfnType: 'AWS::IAM::OIDCProvider',
  global: true,
  props: (inst) =>
    copy(inst.values, { url: 'Url', client_id_list: 'ClientIdList', thumbprint_list: 'ThumbprintList' }),
};

const passwordPolicy: TypeMapping = {
  cfnType: 'AWS::IAM::AccountPasswordPolicy',
  global: true,
  tags: 'none',
  // The names IAM's GetAccountPasswordPolicy uses.
  props: (inst) =>
    copy(inst.values, {
      minimum_password_length: 'MinimumPasswordLength',
      require_symbols: 'RequireSymbols',
      require_numbers: 'RequireNumbers',
      require_uppercase_characters: 'RequireUppercaseCharacters',
      require_lowercase_characters: 'RequireLowercaseCharacters',
      allow_users_to_change_password: 'AllowUsersToChangePassword',
      max_password_age: 'MaxPasswordAge',
      password_reuse_prevention: 'PasswordReusePrevention',
      hard_expiry: 'HardExpiry',
    }),
};

// ---------------------------------------------------------------------------------------------------
// Folds

const PRINCIPALS = {
  role: { attribute: 'role', types: ['aws_iam_role'], matchBy: 'name' },
  user: { attribute: 'user', types: ['aws_iam_user'], matchBy: 'name' },
  group: { attribute: 'group', types: ['aws_iam_group'], matchBy: 'name' },
} as const satisfies Record<string, FoldTargetSpec>;

const CFN_INLINE_TYPE = {
  role: 'AWS::IAM::RolePolicy',
  user: 'AWS::IAM::UserPolicy',
  group: 'AWS::IAM::GroupPolicy',
};
const CFN_NAME_KEY = { role: 'RoleName', user: 'UserName', group: 'GroupName' };

function inlinePolicyFold(kind: 'role' | 'user' | 'group'): FoldMapping {
  return {
    standaloneType: () => CFN_INLINE_TYPE[kind],
    targets: [PRINCIPALS[kind]],
    apply: (target, inst, record) =>
      appendItems(
        target.resource.props,
        'Policies',
        [inlinePolicy(inst.values.name, inst.values.policy)],
        record,
      ),
    standalone: (inst) => [
      {
        type: CFN_INLINE_TYPE[kind],
        props: {
          [CFN_NAME_KEY[kind]]: inst.values[kind],
          ...inlinePolicy(inst.values.name, inst.values.policy),
        },
      },
    ],
  };
}

function attachmentFold(targets: readonly FoldTargetSpec[]): FoldMapping {
  return {
    standaloneType: (inst) => `Terraform::${inst.type}`,
    targets,
    apply: (target, inst, record) => {
      const arn = inst.values.policy_arn;
      const existing = target.resource.props.ManagedPolicyArns;
      // The same attachment written twice (or inline and attached) counts once.
      if (Array.isArray(existing) && typeof arn === 'string' && existing.includes(arn)) return;
      appendItems(target.resource.props, 'ManagedPolicyArns', [arn], record);
    },
  };
}

/** `aws_iam_user_group_membership` / `aws_iam_group_membership`: the user's `Groups`. */
const userGroupMembership: FoldMapping = {
  standaloneType: () => 'AWS::IAM::UserToGroupAddition',
  targets: [PRINCIPALS.user],
  apply: (target, inst, record) => {
    const groups = strings(inst.values.groups);
    appendItems(
      target.resource.props,
      'Groups',
      groups === undefined ? [] : isUnresolved(groups) ? [groups] : groups,
      record,
    );
  },
};

const groupMembership: FoldMapping = {
  standaloneType: () => 'AWS::IAM::UserToGroupAddition',
  targets: [{ attribute: 'users', types: ['aws_iam_user'], matchBy: 'name' }],
  apply: (target, inst, record) => appendItems(target.resource.props, 'Groups', [inst.values.group], record),
};

export const typeMappings: Readonly<Record<string, TypeMapping>> = {
  aws_iam_role: role,
  aws_iam_user: user,
  aws_iam_group: group,
  aws_iam_policy: managedPolicy,
  aws_iam_instance_profile: instanceProfile,
  aws_iam_access_key: accessKey,
  aws_iam_openid_connect_provider: oidcProvider,
  aws_iam_account_password_policy: passwordPolicy,
};

export const foldMappings: Readonly<Record<string, FoldMapping>> = {
  aws_iam_role_policy: inlinePolicyFold('role'),
  aws_iam_user_policy: inlinePolicyFold('user'),
  aws_iam_group_policy: inlinePolicyFold('group'),
  aws_iam_role_policy_attachment: attachmentFold([PRINCIPALS.role]),
  aws_iam_user_policy_attachment: attachmentFold([PRINCIPALS.user]),
  aws_iam_group_policy_attachment: attachmentFold([PRINCIPALS.group]),
  aws_iam_policy_attachment: attachmentFold([
    { attribute: 'roles', types: ['aws_iam_role'], matchBy: 'name' },
    { attribute: 'users', types: ['aws_iam_user'], matchBy: 'name' },
    { attribute: 'groups', types: ['aws_iam_group'], matchBy: 'name' },
  ]),
  aws_iam_user_group_membership: userGroupMembership,
  aws_iam_group_membership: groupMembership,
};
