import { unresolved } from '../../../model/index.js';
import type { Builder, Item } from '../builder.js';
import { compact, num, obj, objects, parseArn, str, stringList, type Json } from '../values.js';
import { requireId, type Mapper } from './common.js';
import { documentProp } from './vpc.js';

/** Inline policies (`UserPolicyList`, `GroupPolicyList`, `RolePolicyList`) in the CloudFormation `Policies` shape. */
function inlinePolicies(builder: Builder, item: Item, list: unknown, owner: string): Json[] {
  return objects(list).map((policy) => {
    const name = str(policy.PolicyName);
    return compact({
      PolicyName: name,
      PolicyDocument: documentProp(
        builder,
        item,
        policy.PolicyDocument,
        `inline policy ${name ?? '?'} of ${owner}`,
      ),
    });
  });
}

function managedArns(list: unknown): string[] | undefined {
  return stringList(objects(list).map((p) => p.PolicyArn));
}

/** The account in an IAM ARN; AWS managed policies (`arn:aws:iam::aws:policy/…`) have none. */
function accountOf(arn: string | undefined): string | undefined {
  const account = parseArn(arn)?.account;
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * `iam get-account-authorization-details` → `AWS::IAM::User`, `Group`, `Role`, `InstanceProfile` and
 * `ManagedPolicy`, in the CloudFormation shapes: inline policies in `Policies[{PolicyName,
 * PolicyDocument}]`, attached ones in `ManagedPolicyArns`, the boundary's ARN in
 * `PermissionsBoundary`. Policy documents are objects whether the output had them decoded (the AWS
 * CLI does) or URL-encoded (the raw API). Ids are the names (ARN for managed policies), as `Ref` gives.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
export const mapIam: Mapper = (input, builder) => {
  for (const item of input.items('UserDetailList')) {
    const v = item.value;
    const name = requireId(builder, item, 'UserName', 'IAM user');
    if (!name) continue;
    const arn = str(v.Arn);
    builder.add({
      type: 'AWS::IAM::User',
      id: name,
      item,
      arn,
      name,
      tags: v.Tags,
      owner: accountOf(arn),
      global: true,
      props: compact({
        UserName: name,
        Path: str(v.Path),
        Groups: stringList(v.GroupList),
        Policies: inlinePolicies(builder, item, v.UserPolicyList, `user ${name}`),
        ManagedPolicyArns: managedArns(v.AttachedManagedPolicies),
        PermissionsBoundary: str(obj(v.PermissionsBoundary)?.PermissionsBoundaryArn),
      }),
      observed: compact({ UserId: str(v.UserId), CreateDate: str(v.CreateDate) }),
    });
  }

  for (const item of input.items('GroupDetailList')) {
    const v = item.value;
    const name = requireId(builder, item, 'GroupName', 'IAM group');
    if (!name) continue;
    const arn = str(v.Arn);
    builder.add({
      type: 'AWS::IAM::Group',
      id: name,
      item,
      arn,
      name,
      owner: accountOf(arn),
      global: true,
      props: compact({
        GroupName: name,
        Path: str(v.Path),
        Policies: inlinePolicies(builder, item, v.GroupPolicyList, `group ${name}`),
        ManagedPolicyArns: managedArns(v.AttachedManagedPolicies),
      }),
      observed: compact({ GroupId: str(v.GroupId), CreateDate: str(v.CreateDate) }),
    });
  }

  for (const item of input.items('RoleDetailList')) {
    const v = item.value;
    const name = requireId(builder, item, 'RoleName', 'IAM role');
    if (!name) continue;
    const arn = str(v.Arn);
    const profiles = objects(v.InstanceProfileList);
    builder.add({
      type: 'AWS::IAM::Role',
      id: name,
      item,
      arn,
      name,
      tags: v.Tags,
      owner: accountOf(arn),
      global: true,
      props: compact({
        RoleName: name,
        Path: str(v.Path),
        Description: str(v.Description),
        MaxSessionDuration: num(v.MaxSessionDuration),
        AssumeRolePolicyDocument: documentProp(
          builder,
          item,
          v.AssumeRolePolicyDocument,
          `trust policy of role ${name}`,
        ),
        Policies: inlinePolicies(builder, item, v.RolePolicyList, `role ${name}`),
        ManagedPolicyArns: managedArns(v.AttachedManagedPolicies),
        PermissionsBoundary: str(obj(v.PermissionsBoundary)?.PermissionsBoundaryArn),
      }),
      observed: compact({
        RoleId: str(v.RoleId),
        CreateDate: str(v.CreateDate),
        RoleLastUsed:
          obj(v.RoleLastUsed) && Object.keys(obj(v.RoleLastUsed)!).length ? obj(v.RoleLastUsed) : undefined,
        InstanceProfiles: stringList(profiles.map((p) => p.InstanceProfileName)),
      }),
    });
    profiles.forEach((profile, index) => {
      const profileName = str(profile.InstanceProfileName);
      if (!profileName) return;
      const profileArn = str(profile.Arn);
      builder.add({
        type: 'AWS::IAM::InstanceProfile',
        id: profileName,
        item: { ...item, path: `${item.path}.InstanceProfileList[${index}]` },
        arn: profileArn,
        name: profileName,
        owner: accountOf(profileArn),
        global: true,
        props: compact({
          InstanceProfileName: profileName,
          Path: str(profile.Path),
          Roles: stringList(objects(profile.Roles).map((r) => r.RoleName)) ?? [name],
        }),
        observed: compact({ InstanceProfileId: str(profile.InstanceProfileId) }),
      });
    });
  }

  for (const item of input.items('Policies')) {
    const v = item.value;
    const arn = requireId(builder, item, 'Arn', 'managed policy');
    if (!arn) continue;
    const name = str(v.PolicyName);
    const versions = objects(v.PolicyVersionList);
    const current =
      versions.find((version) => version.IsDefaultVersion === true) ??
      versions.find((version) => str(version.VersionId) === str(v.DefaultVersionId));
    const owner = accountOf(arn);
    builder.add({
      type: 'AWS::IAM::ManagedPolicy',
      id: arn,
      item,
      arn,
      name,
      tags: v.Tags,
      owner,
      global: true,
      props: compact({
        ManagedPolicyName: name,
        Path: str(v.Path),
        Description: str(v.Description),
        PolicyDocument: current
          ? documentProp(builder, item, current.Document, `managed policy ${name ?? arn}`)
          : unresolved('iam get-policy-version', 'the default version document is not in the input'),
      }),
      observed: compact({
        PolicyId: str(v.PolicyId),
        DefaultVersionId: str(v.DefaultVersionId),
        AttachmentCount: num(v.AttachmentCount),
        PermissionsBoundaryUsageCount: num(v.PermissionsBoundaryUsageCount),
        IsAttachable: v.IsAttachable,
        AwsManaged: parseArn(arn)?.account === 'aws' ? true : undefined,
        CreateDate: str(v.CreateDate),
        UpdateDate: str(v.UpdateDate),
      }),
    });
  }
};
