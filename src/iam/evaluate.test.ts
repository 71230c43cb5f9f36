import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import { policyOf, requestOf, rolePrincipal, userPrincipal } from './testing.js';
import type { PolicySet } from './types.js';

/*
 * The evaluation order, single- and cross-account, with the AWS pages that state each rule.
 * LOGIC = https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * BASICS = https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
 * CROSS = https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 * ELEMENTS = https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_{action,resource,principal,notprincipal}.html
 */

const A = '111111111111';
const B = '222222222222';
const alice = userPrincipal(A, 'alice');
const session = rolePrincipal(A, 'app', 's1');
const bucket = 'arn:aws:s3:::data';
const object = 'arn:aws:s3:::data/report.csv';
const allowAll = (name = 'allow-all') =>
  policyOf('identity', name, [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }]);
const allowGet = policyOf('identity', 'get', [
  { Sid: 'Get', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucket}/*` },
]);

const decide = (
  p: typeof alice,
  action: string,
  resource: string,
  set: PolicySet,
  context = {},
  resourceAccount?: string,
) => evaluate(requestOf(p, action, resource, context, resourceAccount), set);

describe('actions, resources (ELEMENTS)', () => {
  it('action names and wildcards are case-insensitive', () => {
    const p = policyOf('identity', 'p', [{ Effect: 'Allow', Action: 'S3:get*', Resource: '*' }]);
    expect(decide(alice, 's3:GetObject', object, { identity: [p] }, {}, A).decision).toBe('Allowed');
    expect(decide(alice, 's3:PutObject', object, { identity: [p] }, {}, A).decision).toBe('ImplicitDeny');
  });
  it('NotAction with Allow allows everything else; with Deny denies everything else', () => {
    const p = policyOf('identity', 'p', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]);
    expect(decide(alice, 's3:GetObject', object, { identity: [p] }, {}, A).decision).toBe('Allowed');
    expect(decide(alice, 'iam:CreateUser', '*', { identity: [p] }).decision).toBe('ImplicitDeny');
    const d = policyOf('identity', 'd', [{ Effect: 'Deny', NotAction: ['s3:Get*'], Resource: '*' }]);
    expect(decide(alice, 's3:PutObject', object, { identity: [allowAll(), d] }, {}, A).decision).toBe(
      'ExplicitDeny',
    );
    expect(decide(alice, 's3:GetObject', object, { identity: [allowAll(), d] }, {}, A).decision).toBe(
      'Allowed',
    );
  });
  it('resource wildcards: * spans / in the resource part (the bucket/*/test/* example), ? is one character', () => {
    const p = policyOf('identity', 'p', [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*/test/*' },
    ]);
    expect(
      decide(alice, 's3:GetObject', 'arn:aws:s3:::data/1///test///object.jpg', { identity: [p] }, {}, A)
        .decision,
    ).toBe('Allowed');
    expect(
      decide(alice, 's3:GetObject', 'arn:aws:s3:::data/test.jpg', { identity: [p] }, {}, A).decision,
    ).toBe('ImplicitDeny');
    const q = policyOf('identity', 'q', [
      { Effect: 'Allow', Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:us-east-?:*:instance/*' },
    ]);
    expect(
      decide(alice, 'ec2:StartInstances', `arn:aws:ec2:us-east-1:${A}:instance/i-1`, { identity: [q] })
        .decision,
    ).toBe('Allowed');
    expect(
      decide(alice, 'ec2:StartInstances', `arn:aws:ec2:eu-west-1:${A}:instance/i-1`, { identity: [q] })
        .decision,
    ).toBe('ImplicitDeny');
  });
  it('a policy variable in Resource resolves per principal; unresolved it matches nothing', () => {
    const p = policyOf('identity', 'p', [
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*' },
    ]);
    expect(
      decide(alice, 's3:GetObject', 'arn:aws:s3:::home/alice/x', { identity: [p] }, {}, A).decision,
    ).toBe('Allowed');
    expect(decide(alice, 's3:GetObject', 'arn:aws:s3:::home/bob/x', { identity: [p] }, {}, A).decision).toBe(
      'ImplicitDeny',
    );
    // Roles have no aws:username.
    expect(
      decide(session, 's3:GetObject', 'arn:aws:s3:::home/app/x', { identity: [p] }, {}, A).decision,
    ).toBe('ImplicitDeny');
  });
  it('NotResource allows everything outside the listed resources', () => {
    const p = policyOf('identity', 'p', [
      { Effect: 'Allow', Action: 's3:*', NotResource: `${bucket}/secret/*` },
    ]);
    expect(decide(alice, 's3:GetObject', object, { identity: [p] }, {}, A).decision).toBe('Allowed');
    expect(decide(alice, 's3:GetObject', `${bucket}/secret/x`, { identity: [p] }, {}, A).decision).toBe(
      'ImplicitDeny',
    );
  });
});

describe('single account (LOGIC, BASICS)', () => {
  it('requests are implicitly denied without an allow', () => {
    const d = decide(alice, 's3:GetObject', object, { identity: [] }, {}, A);
    expect(d.decision).toBe('ImplicitDeny');
    expect(d.decidingStatements).toEqual([]);
  });
  it('an explicit deny in any policy overrides any allow, and is named', () => {
    const deny = policyOf('identity', 'deny-get', [
      { Sid: 'NoGet', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' },
    ]);
    const d = decide(alice, 's3:GetObject', object, { identity: [allowAll(), deny] }, {}, A);
    expect(d.decision).toBe('ExplicitDeny');
    expect(d.decidingStatements).toEqual([
      { policy: 'deny-get', policyType: 'identity', sid: 'NoGet', effect: 'Deny', index: 0 },
    ]);
  });
  it('a resource policy deny overrides an identity allow', () => {
    const rp = policyOf('resource', 'bucket policy', [
      { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `${bucket}/*` },
    ]);
    expect(
      decide(alice, 's3:GetObject', object, { identity: [allowAll()], resource: rp }, {}, A).decision,
    ).toBe('ExplicitDeny');
  });
  it('same account: a resource policy naming the user allows without any identity policy', () => {
    const rp = policyOf('resource', 'bucket policy', [
      { Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 's3:GetObject', Resource: `${bucket}/*` },
    ]);
    expect(decide(alice, 's3:GetObject', object, { identity: [], resource: rp }, {}, A).decision).toBe(
      'Allowed',
    );
  });
  it('same account: a grant to the role session ARN is not limited by the boundary; a grant to the role ARN is', () => {
    const boundary = policyOf('boundary', 'boundary', [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }]);
    const toSession = policyOf('resource', 'rp', [
      {
        Effect: 'Allow',
        Principal: { AWS: session.sessionArn },
        Action: 's3:GetObject',
        Resource: `${bucket}/*`,
      },
    ]);
    const toRole = policyOf('resource', 'rp', [
      {
        Effect: 'Allow',
        Principal: { AWS: session.roleArn },
        Action: 's3:GetObject',
        Resource: `${bucket}/*`,
      },
    ]);
    expect(
      decide(session, 's3:GetObject', object, { identity: [], resource: toSession, boundary }, {}, A)
        .decision,
    ).toBe('Allowed');
    expect(
      decide(session, 's3:GetObject', object, { identity: [], resource: toRole, boundary }, {}, A).decision,
    ).toBe('ImplicitDeny');
    // Without a boundary the role grant suffices even with no identity policy.
    expect(decide(session, 's3:GetObject', object, { identity: [], resource: toRole }, {}, A).decision).toBe(
      'Allowed',
    );
  });
  it('same account: a grant to the account root delegates to the identity policies', () => {
    const rp = policyOf('resource', 'rp', [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${A}:root` },
        Action: 's3:GetObject',
        Resource: `${bucket}/*`,
      },
    ]);
    expect(decide(alice, 's3:GetObject', object, { identity: [], resource: rp }, {}, A).decision).toBe(
      'ImplicitDeny',
    );
    expect(
      decide(alice, 's3:GetObject', object, { identity: [allowGet], resource: rp }, {}, A).decision,
    ).toBe('Allowed');
  });
  it('permissions boundary: both the identity policy and the boundary must allow', () => {
    const boundary = policyOf('boundary', 'b', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]);
    expect(decide(alice, 's3:GetObject', object, { identity: [allowAll()], boundary }, {}, A).decision).toBe(
      'Allowed',
    );
    expect(decide(alice, 'ec2:RunInstances', '*', { identity: [allowAll()], boundary }).decision).toBe(
      'ImplicitDeny',
    );
    expect(decide(alice, 's3:GetObject', object, { identity: [], boundary }, {}, A).decision).toBe(
      'ImplicitDeny',
    );
  });
  it('session policies: the session policy and the identity policy must both allow', () => {
    const sp = policyOf('session', 's', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]);
    expect(
      decide(session, 's3:GetObject', object, { identity: [allowAll()], session: [sp] }, {}, A).decision,
    ).toBe('Allowed');
    expect(
      decide(session, 's3:PutObject', object, { identity: [allowAll()], session: [sp] }, {}, A).decision,
    ).toBe('ImplicitDeny');
  });
  it('role trust policies must name the principal: an identity allow alone is not enough', () => {
    const trust = policyOf('trust', 'trust', [
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    const target = `arn:aws:iam::${A}:role/target`;
    const d = evaluate(requestOf(alice, 'sts:AssumeRole', target), {
      identity: [allowAll()],
      resource: { ...trust, type: 'trust' },
    });
    expect(d.decision).toBe('ImplicitDeny');
    const named = policyOf('trust', 'trust', [
      { Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'sts:AssumeRole' },
    ]);
    expect(
      evaluate(requestOf(alice, 'sts:AssumeRole', target), {
        identity: [],
        resource: { ...named, type: 'trust' },
      }).decision,
    ).toBe('Allowed');
  });
  it('KMS key policies must name the principal or its account', () => {
    // https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
    const key = `arn:aws:kms:us-east-1:${A}:key/1234`;
    const none = policyOf('resource', 'key policy', [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: 'kms:*', Resource: '*' },
    ]);
    expect(
      decide(alice, 'kms:Decrypt', key, {
        identity: [allowAll()],
        resource: none,
        resourcePolicyRequired: true,
      }).decision,
    ).toBe('ImplicitDeny');
    const root = policyOf('resource', 'key policy', [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' },
    ]);
    expect(
      decide(alice, 'kms:Decrypt', key, {
        identity: [allowAll()],
        resource: root,
        resourcePolicyRequired: true,
      }).decision,
    ).toBe('Allowed');
    expect(
      decide(alice, 'kms:Decrypt', key, { identity: [], resource: root, resourcePolicyRequired: true })
        .decision,
    ).toBe('ImplicitDeny');
  });
  it('the root user is allowed in its own account unless denied', () => {
    const root = { arn: `arn:aws:iam::${A}:root`, account: A, type: 'root' as const };
    expect(decide(root, 's3:GetObject', object, { identity: [] }, {}, A).decision).toBe('Allowed');
  });
});

describe('principals in resource policies (ELEMENTS principal / notprincipal)', () => {
  it('"*" and {"AWS": "*"} both grant to anonymous callers', () => {
    const anon = { arn: '*', account: '', type: 'anonymous' as const };
    for (const principal of ['*', { AWS: '*' }]) {
      const rp = policyOf('resource', 'rp', [
        { Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: `${bucket}/*` },
      ]);
      expect(decide(anon, 's3:GetObject', object, { identity: [], resource: rp }, {}, A).decision).toBe(
        'Allowed',
      );
    }
  });
  it('a service principal is allowed only by a resource policy naming it', () => {
    const svc = { arn: 'sns.amazonaws.com', account: '', type: 'service' as const };
    const rp = policyOf('resource', 'rp', [
      {
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: '*',
      },
    ]);
    expect(
      decide(svc, 'sqs:SendMessage', `arn:aws:sqs:us-east-1:${A}:q`, { identity: [], resource: rp }).decision,
    ).toBe('Allowed');
    expect(
      decide({ ...svc, arn: 'events.amazonaws.com' }, 'sqs:SendMessage', `arn:aws:sqs:us-east-1:${A}:q`, {
        identity: [],
        resource: rp,
      }).decision,
    ).toBe('ImplicitDeny');
  });
  it('NotPrincipal with Deny exempts a role session only when account, role and session ARN are all listed', () => {
    const deny = (list: string[]) =>
      policyOf('resource', 'rp', [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${bucket}/*` },
        { Effect: 'Deny', NotPrincipal: { AWS: list }, Action: 's3:*', Resource: `${bucket}/*` },
      ]);
    const all = [session.sessionArn!, session.roleArn!, `arn:aws:iam::${A}:root`];
    expect(
      decide(session, 's3:GetObject', object, { identity: [], resource: deny(all) }, {}, A).decision,
    ).toBe('Allowed');
    expect(
      decide(session, 's3:GetObject', object, { identity: [], resource: deny([session.roleArn!]) }, {}, A)
        .decision,
    ).toBe('ExplicitDeny');
    // "will always deny any IAM principal that has a permissions boundary policy attached"
    expect(
      decide(
        { ...session, hasBoundary: true },
        's3:GetObject',
        object,
        { identity: [], resource: deny(all) },
        {},
        A,
      ).decision,
    ).toBe('ExplicitDeny');
  });
});

describe('cross-account (CROSS)', () => {
  const bob = userPrincipal(B, 'bob');
  const inA = `arn:aws:sqs:us-east-1:${A}:queue`;
  it('needs both the identity policy in the principal account and the resource policy in the resource account', () => {
    const rp = policyOf('resource', 'rp', [
      { Effect: 'Allow', Principal: { AWS: B }, Action: 'sqs:SendMessage', Resource: inA },
    ]);
    const send = policyOf('identity', 'send', [
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
    ]);
    expect(decide(bob, 'sqs:SendMessage', inA, { identity: [send], resource: rp }).decision).toBe('Allowed');
    expect(decide(bob, 'sqs:SendMessage', inA, { identity: [], resource: rp }).decision).toBe('ImplicitDeny');
    expect(decide(bob, 'sqs:SendMessage', inA, { identity: [send] }).decision).toBe('ImplicitDeny');
  });
  it('naming the user directly still needs its own identity policy cross-account', () => {
    const rp = policyOf('resource', 'rp', [
      { Effect: 'Allow', Principal: { AWS: bob.arn }, Action: 'sqs:SendMessage', Resource: inA },
    ]);
    expect(decide(bob, 'sqs:SendMessage', inA, { identity: [], resource: rp }).decision).toBe('ImplicitDeny');
  });
});

describe('SCPs and RCPs', () => {
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
  const full = policyOf('scp', 'FullAWSAccess', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  const s3only = policyOf('scp', 's3-only', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]);
  it('every level from the root to the account must allow; an implicit deny in an SCP is final', () => {
    const set: PolicySet = { identity: [allowAll()], scps: [[full], [s3only], [full]] };
    expect(decide(alice, 's3:GetObject', object, set, {}, A).decision).toBe('Allowed');
    const d = decide(alice, 'ec2:RunInstances', '*', set);
    expect(d.decision).toBe('ImplicitDeny');
    expect(d.explanation.join(' ')).toMatch(/level 1/);
  });
  it('an SCP deny is an explicit deny', () => {
    const deny = policyOf('scp', 'deny-leave', [
      { Sid: 'NoLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
    ]);
    const d = decide(alice, 'organizations:LeaveOrganization', '*', {
      identity: [allowAll()],
      scps: [[full, deny]],
    });
    expect(d.decision).toBe('ExplicitDeny');
    expect(d.decidingStatements[0]).toMatchObject({
      policy: 'deny-leave',
      policyType: 'scp',
      sid: 'NoLeave',
    });
  });
  it('SCPs do not restrict service-linked roles', () => {
    const slr = rolePrincipal(A, 'AWSServiceRoleForX', 's', { serviceLinked: true });
    expect(decide(slr, 'ec2:RunInstances', '*', { identity: [allowAll()], scps: [[s3only]] }).decision).toBe(
      'Allowed',
    );
  });
  it('an RCP deny applies to principals of any account; RCPs do not restrict AWS service principals', () => {
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
    const rcp = policyOf('rcp', 'no-outside', [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:PrincipalAccount': A } },
      },
    ]);
    const bob = userPrincipal(B, 'bob');
    const rp = policyOf('resource', 'rp', [
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${bucket}/*` },
    ]);
    expect(
      decide(bob, 's3:GetObject', object, { identity: [allowAll()], resource: rp, rcps: [[rcp]] }, {}, A)
        .decision,
    ).toBe('ExplicitDeny');
    expect(
      decide(alice, 's3:GetObject', object, { identity: [allowAll()], resource: rp, rcps: [[rcp]] }, {}, A)
        .decision,
    ).toBe('Allowed');
    const svc = { arn: 'cloudtrail.amazonaws.com', account: '', type: 'service' as const };
    expect(
      decide(svc, 's3:GetObject', object, { identity: [], resource: rp, rcps: [[rcp]] }, {}, A).decision,
    ).toBe('Allowed');
  });
});

describe('requests AWS decides outside the policies', () => {
  it('sts:GetCallerIdentity is allowed even against an explicit deny', () => {
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
    const deny = policyOf('identity', 'd', [{ Effect: 'Deny', Action: 'sts:*', Resource: '*' }]);
    expect(decide(alice, 'sts:GetCallerIdentity', '*', { identity: [deny] }).decision).toBe('Allowed');
  });
  it('AWS managed policies and Identity Center roles cannot be changed by customer principals', () => {
    expect(
      decide(alice, 'iam:CreatePolicyVersion', 'arn:aws:iam::aws:policy/ReadOnlyAccess', {
        identity: [allowAll()],
      }).decision,
    ).toBe('ImplicitDeny');
    const reserved = `arn:aws:iam::${A}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_1`;
    expect(decide(alice, 'iam:UpdateAssumeRolePolicy', reserved, { identity: [allowAll()] }).decision).toBe(
      'ImplicitDeny',
    );
    expect(decide(alice, 'iam:GetRole', reserved, { identity: [allowAll()] }).decision).toBe('Allowed');
  });
});

describe('policy lists shared between requests', () => {
  it('a list changed after a request is read again, not answered from the previous request', () => {
    const deny = policyOf('identity', 'deny-get', [
      { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' },
    ]);
    const identity = [allowGet];
    expect(decide(alice, 's3:GetObject', object, { identity }, {}, A).decision).toBe('Allowed');
    identity.push(deny);
    expect(decide(alice, 's3:GetObject', object, { identity }, {}, A).decision).toBe('ExplicitDeny');
    expect(decide(alice, 's3:PutObject', object, { identity }, {}, A).decision).toBe('ImplicitDeny');
    identity[1] = allowAll();
    expect(decide(alice, 's3:PutObject', object, { identity }, {}, A).decision).toBe('Allowed');
    identity.splice(1, 1);
    expect(decide(alice, 's3:PutObject', object, { identity }, {}, A).decision).toBe('ImplicitDeny');
  });
});
