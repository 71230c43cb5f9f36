// IAM evaluation benchmark: concrete requests against a realistic account (roles with managed
// policies and boundaries, bucket and key policies, an SCP tree), decided by the engine with
// explanations on, and the same requests through @cloud-copilot/iam-simulate (a dev-only
// dependency, used here as the baseline). Prints both rates, the ratio and whether every decision
// is identical. Runs from the built dist/ (`npm run bench:iam`).
//
//   node bench/iam.mjs [--roles N] [--policies P] [--requests R] [--baseline-requests B]
//                      [--warmup-passes W] [--seed S] [--json]
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { buildIamModel, evaluate, placeOf, policiesFor, principalInfo, simulate } from '../dist/iam/index.js';
import { makeSnapshot } from '../dist/model/index.js';

/** The engine should decide at least this many times as many requests per second as the baseline. */
const TARGET_RATIO = 100;

const { values: args } = parseArgs({
  options: {
    roles: { type: 'string', default: '500' },
    policies: { type: 'string', default: '2000' },
    buckets: { type: 'string', default: '200' },
    keys: { type: 'string', default: '50' },
    requests: { type: 'string', default: '20000' },
    'baseline-requests': { type: 'string', default: '2000' },
    'warmup-passes': { type: 'string', default: '2' },
    seed: { type: 'string', default: '7' },
    json: { type: 'boolean', default: false },
  },
});

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const ROOT = 'r-root';
const OU = 'ou-root-workloads';

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(Number(args.seed));
const int = (n) => Math.floor(rnd() * n);
const pick = (xs) => xs[int(xs.length)];
const chance = (p) => rnd() < p;

const TEAMS = ['payments', 'orders', 'search', 'data', 'platform'];
const CIDRS = ['10.0.0.0/8', '192.0.2.0/24', '198.51.100.0/24'];
const IPS = ['10.1.2.3', '192.0.2.10', '203.0.113.7'];

/** Services, their actions, and how to name one of their resources. */
const SERVICES = {
  s3: {
    actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 's3:GetBucketPolicy'],
    pattern: (i) => (chance(0.5) ? `arn:aws:s3:::bucket-${i}/*` : `arn:aws:s3:::bucket-${i}*`),
    resource: (i, action) =>
      action === 's3:ListBucket' || action === 's3:GetBucketPolicy'
        ? `arn:aws:s3:::bucket-${i}`
        : `arn:aws:s3:::bucket-${i}/data/file-${int(100)}.csv`,
  },
  dynamodb: {
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DeleteItem'],
    pattern: (i) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/app-${i}*`,
    resource: (i) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/app-${i}`,
  },
  sqs: {
    actions: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'],
    pattern: (i) => `arn:aws:sqs:*:${ACCOUNT}:queue-${i}`,
    resource: (i) => `arn:aws:sqs:${REGION}:${ACCOUNT}:queue-${i}`,
  },
  kms: {
    actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
    pattern: (i) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/key-${i}`,
    resource: (i) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/key-${i}`,
  },
  lambda: {
    actions: ['lambda:InvokeFunction', 'lambda:GetFunction', 'lambda:UpdateFunctionCode'],
    pattern: (i) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn-${i}*`,
    resource: (i) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn-${i}`,
  },
  logs: {
    actions: ['logs:PutLogEvents', 'logs:CreateLogStream', 'logs:GetLogEvents'],
    pattern: (i) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/app/${i}:*`,
    resource: (i) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/app/${i}:log-stream:s-${int(9)}`,
  },
};
const SERVICE_NAMES = Object.keys(SERVICES);

function resource(type, id, props, arn) {
  const global = type.startsWith('AWS::IAM::') || type.startsWith('AWS::Organizations::');
  return {
    type,
    id,
    ...(arn ? { arn } : {}),
    account: ACCOUNT,
    region: global ? 'global' : REGION,
    name: id,
    tags: {},
    props,
    origin: { source: 'demo' },
  };
}

function randomCondition() {
  const r = rnd();
  if (r < 0.15) return { StringEquals: { 'aws:PrincipalTag/team': pick(TEAMS) } };
  if (r < 0.25) return { IpAddress: { 'aws:SourceIp': [pick(CIDRS), pick(CIDRS)] } };
  if (r < 0.32) return { Bool: { 'aws:SecureTransport': 'true' } };
  if (r < 0.38) return { StringEquals: { 'aws:RequestedRegion': [REGION, 'eu-west-1'] } };
  return undefined;
}

function randomStatement(n) {
  const service = pick(SERVICE_NAMES);
  const spec = SERVICES[service];
  const actions = chance(0.15) ? [`${service}:*`] : spec.actions.filter(() => chance(0.6));
  if (actions.length === 0) actions.push(pick(spec.actions));
  const resources = chance(0.1) ? ['*'] : Array.from({ length: 1 + int(3) }, () => spec.pattern(int(n)));
  const condition = randomCondition();
  return {
    Effect: chance(0.08) ? 'Deny' : 'Allow',
    Action: actions,
    Resource: resources,
    ...(condition ? { Condition: condition } : {}),
  };
}

function buildAccount() {
  const nRoles = Number(args.roles);
  const nPolicies = Number(args.policies);
  const nBuckets = Number(args.buckets);
  const nKeys = Number(args.keys);
  const resources = [];
  const docs = new Map(); // policy ARN -> document (for the baseline)
  for (let i = 0; i < nPolicies; i++) {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/app/policy-${i}`;
    const doc = {
      Version: '2012-10-17',
      Statement: Array.from({ length: 2 + int(5) }, () => randomStatement(nBuckets)),
    };
    docs.set(arn, doc);
    resources.push(
      resource(
        'AWS::IAM::ManagedPolicy',
        `policy-${i}`,
        { ManagedPolicyName: `policy-${i}`, Path: '/app/', PolicyDocument: doc },
        arn,
      ),
    );
  }
  // A generous boundary some roles carry: everything but IAM and KMS key administration.
  const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
  const boundaryDoc = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', NotAction: ['iam:*', 'kms:ScheduleKeyDeletion'], Resource: '*' },
      { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
    ],
  };
  docs.set(boundaryArn, boundaryDoc);
  resources.push(
    resource(
      'AWS::IAM::ManagedPolicy',
      'boundary',
      { ManagedPolicyName: 'boundary', PolicyDocument: boundaryDoc },
      boundaryArn,
    ),
  );

  const roles = [];
  for (let i = 0; i < nRoles; i++) {
    const name = `role-${i}`;
    const arn = `arn:aws:iam::${ACCOUNT}:role/${name}`;
    const attached = [
      ...new Set(
        Array.from(
          { length: 3 + int(4) },
          () => `arn:aws:iam::${ACCOUNT}:policy/app/policy-${int(nPolicies)}`,
        ),
      ),
    ];
    const bounded = chance(0.2);
    const team = pick(TEAMS);
    const inline = chance(0.3)
      ? { Version: '2012-10-17', Statement: [randomStatement(nBuckets)] }
      : undefined;
    resources.push(
      resource(
        'AWS::IAM::Role',
        name,
        {
          RoleName: name,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
            ],
          },
          ManagedPolicyArns: attached,
          ...(inline ? { Policies: [{ PolicyName: 'inline', PolicyDocument: inline }] } : {}),
          ...(bounded ? { PermissionsBoundary: boundaryArn } : {}),
          Tags: [{ Key: 'team', Value: team }],
        },
        arn,
      ),
    );
    roles.push({ name, arn, attached, bounded, team, inline });
  }

  const resourcePolicies = new Map(); // resource ARN prefix -> document
  for (let i = 0; i < nBuckets; i++) {
    const bucket = `bucket-${i}`;
    const grantee = pick(roles);
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'AllowReader',
          Effect: 'Allow',
          Principal: { AWS: grantee.arn },
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        },
      ],
    };
    resourcePolicies.set(`arn:aws:s3:::${bucket}`, doc);
    resources.push(
      resource(
        'AWS::S3::Bucket',
        bucket,
        { BucketName: bucket, PolicyDocument: doc },
        `arn:aws:s3:::${bucket}`,
      ),
    );
  }
  for (let i = 0; i < nKeys; i++) {
    const arn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/key-${i}`;
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EnableIAMPolicies',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Sid: 'AllowUse',
          Effect: 'Allow',
          Principal: { AWS: pick(roles).arn },
          Action: ['kms:Decrypt', 'kms:Encrypt'],
          Resource: '*',
        },
      ],
    };
    resourcePolicies.set(arn, doc);
    resources.push(resource('AWS::KMS::Key', `key-${i}`, { KeyPolicy: doc }, arn));
  }

  // The SCP tree: root → workloads OU → account; every level must allow.
  const fullAccess = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const denyRegions = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyOutsideApprovedRegions',
        Effect: 'Deny',
        NotAction: ['iam:*', 'sts:*', 'organizations:*', 's3:*'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [REGION, 'eu-west-1'] } },
      },
    ],
  };
  const denyTampering = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'kms:ScheduleKeyDeletion'],
        Resource: '*',
      },
    ],
  };
  const scps = [
    { target: ROOT, name: 'FullAWSAccess', doc: fullAccess },
    { target: ROOT, name: 'deny-security-tampering', doc: denyTampering },
    { target: OU, name: 'FullAWSAccess-ou', doc: fullAccess },
    { target: OU, name: 'deny-unapproved-regions', doc: denyRegions },
    { target: ACCOUNT, name: 'FullAWSAccess-account', doc: fullAccess },
  ];
  resources.push(
    resource('AWS::Organizations::Organization', 'o-bench', { ManagementAccountId: '999999999999' }),
  );
  resources.push(
    resource('AWS::Organizations::OrganizationalUnit', OU, { Name: 'Workloads', ParentId: ROOT }),
  );
  resources.push(resource('AWS::Organizations::Account', ACCOUNT, { AccountId: ACCOUNT, ParentIds: [OU] }));
  for (const s of scps) {
    resources.push(
      resource('AWS::Organizations::Policy', s.name, {
        Name: s.name,
        Type: 'SERVICE_CONTROL_POLICY',
        Content: s.doc,
        TargetIds: [s.target],
      }),
    );
  }
  const snapshot = makeSnapshot(resources, [], { takenAt: '2026-01-01T00:00:00.000Z', regions: [REGION] });
  return { snapshot, roles, docs, boundaryArn, resourcePolicies, scps };
}

function generateRequests(roles, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const role = pick(roles);
    const service = pick(SERVICE_NAMES);
    const action = pick(SERVICES[service].actions);
    const target = int(service === 'kms' ? Number(args.keys) : Number(args.buckets));
    const context = {
      'aws:SourceIp': pick(IPS),
      'aws:SecureTransport': chance(0.9) ? 'true' : 'false',
      'aws:RequestedRegion': chance(0.9) ? REGION : 'ap-south-1',
      'aws:PrincipalTag/team': role.team,
      'aws:PrincipalArn': role.arn,
      'aws:PrincipalAccount': ACCOUNT,
    };
    out.push({ role, action, resource: SERVICES[service].resource(target, action), context });
  }
  return out;
}

function baselineSimulation(env, req) {
  const role = req.role;
  const identityPolicies = role.attached.map((arn) => ({
    name: arn.slice(arn.lastIndexOf('/') + 1),
    policy: env.docs.get(arn),
  }));
  if (role.inline) identityPolicies.push({ name: 'inline', policy: role.inline });
  const rpKey = req.resource.startsWith('arn:aws:s3:::')
    ? `arn:aws:s3:::${req.resource.slice(13).split('/')[0]}`
    : req.resource;
  const resourcePolicy = env.resourcePolicies.get(rpKey);
  const level = (target) => ({
    orgIdentifier: target,
    policies: env.scps.filter((s) => s.target === target).map((s) => ({ name: s.name, policy: s.doc })),
  });
  return {
    identityPolicies,
    serviceControlPolicies: [level(ROOT), level(OU), level(ACCOUNT)],
    resourceControlPolicies: [],
    ...(role.bounded
      ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: env.docs.get(env.boundaryArn) }] }
      : {}),
    ...(resourcePolicy ? { resourcePolicy } : {}),
    request: {
      principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${role.name}/cloudrounds`,
      action: req.action,
      resource: { resource: req.resource, accountId: ACCOUNT },
      contextVariables: req.context,
    },
  };
}

const cpuMs = (u) => (u.user + u.system) / 1000;

const ORACLE = { Allowed: 'Allowed', ExplicitlyDenied: 'ExplicitDeny', ImplicitlyDenied: 'ImplicitDeny' };

async function main() {
  const t0 = performance.now();
  const env = buildAccount();
  const model = buildIamModel(env.snapshot);
  const buildMs = performance.now() - t0;
  const principals = new Map(model.principals.map((p) => [p.arn, p]));
  const requests = generateRequests(env.roles, Number(args.requests));

  // The engine, two ways. (1) evaluate(): the evaluation proper, on requests whose policy sets and
  // request contexts were assembled beforehand (as who-can and escalation reuse them).
  // (2) simulate(): the whole question per request (find the policies, derive the context,
  // evaluate, explain), as `iam simulate` answers it.
  const prepared = requests.map((req) => {
    const p = principals.get(req.role.arn);
    const place = placeOf(model, req.resource);
    return {
      request: {
        principal: principalInfo(model, p),
        action: req.action,
        resource: req.resource,
        ...(place.account ? { resourceAccount: place.account } : {}),
        context: req.context,
      },
      policies: policiesFor(model, p, req.resource, req.action),
    };
  });
  // Warm-up, the same for both sides: --warmup-passes untimed passes over exactly the requests
  // that side is then timed on, so each pass is timed at steady state (the JIT settles over the
  // second pass over 2,000 distinct policies; the baseline also speeds up by half after its
  // first). evaluate() keeps no decision cache, so the timed pass decides every request again.
  const warmupPasses = Number(args['warmup-passes']);
  for (let w = 0; w < warmupPasses; w++) for (const x of prepared) evaluate(x.request, x.policies);
  let explanationLines = 0;
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const ours = prepared.map((x) => {
    const d = evaluate(x.request, x.policies);
    explanationLines += d.explanation.length;
    return d.decision;
  });
  const oursMs = performance.now() - t1;
  const oursCpuMs = cpuMs(process.cpuUsage(c1));
  const decide = (req) =>
    simulate(model, principals.get(req.role.arn), req.action, req.resource, req.context).decision;
  for (const req of requests.slice(0, 500)) decide(req); // warm-up
  const t1b = performance.now();
  const oursFull = requests.map((req) => decide(req).decision);
  const oursFullMs = performance.now() - t1b;
  const fullDiffers = oursFull.filter((d, i) => d !== ours[i]).length;

  // The baseline on a prefix of the same requests (it is far slower).
  const nBase = Math.min(Number(args['baseline-requests']), requests.length);
  for (let w = 0; w < warmupPasses; w++)
    for (const req of requests.slice(0, nBase)) await runSimulation(baselineSimulation(env, req), {});
  const c2 = process.cpuUsage();
  const t2 = performance.now();
  const theirs = [];
  for (const req of requests.slice(0, nBase)) {
    const r = await runSimulation(baselineSimulation(env, req), {});
    theirs.push(
      r.resultType === 'error'
        ? `error: ${JSON.stringify(r.errors).slice(0, 120)}`
        : (ORACLE[r.overallResult] ?? r.overallResult),
    );
  }
  const theirsMs = performance.now() - t2;
  const theirsCpuMs = cpuMs(process.cpuUsage(c2));

  const mismatches = [];
  for (let i = 0; i < nBase; i++) {
    if (ours[i] !== theirs[i])
      mismatches.push({
        i,
        action: requests[i].action,
        resource: requests[i].resource,
        role: requests[i].role.name,
        ours: ours[i],
        baseline: theirs[i],
      });
  }
  const oursRate = requests.length / (oursMs / 1000);
  const oursFullRate = requests.length / (oursFullMs / 1000);
  const theirsRate = nBase / (theirsMs / 1000);
  const ratio = oursRate / theirsRate;
  // CPU time is steadier than wall-clock time on a shared machine.
  const cpuRatio = requests.length / oursCpuMs / (nBase / theirsCpuMs);
  const counts = ours.reduce((m, d) => ((m[d] = (m[d] ?? 0) + 1), m), {});
  const result = {
    roles: env.roles.length,
    managedPolicies: Number(args.policies),
    resourcePolicies: env.resourcePolicies.size,
    scps: env.scps.length,
    modelBuildMs: Math.round(buildMs),
    requests: requests.length,
    warmupPasses,
    // Other work on the machine stretches wall-clock time more than CPU time: say how busy it was.
    loadAverage: loadavg().map((l) => +l.toFixed(2)),
    decisions: counts,
    explanationLinesPerRequest: +(explanationLines / requests.length).toFixed(1),
    engineRequestsPerSecond: Math.round(oursRate),
    engineFullQuestionPerSecond: Math.round(oursFullRate),
    fullQuestionRatio: +(oursFullRate / theirsRate).toFixed(1),
    fullQuestionDecisionsDiffer: fullDiffers,
    baselineRequests: nBase,
    baselineRequestsPerSecond: Math.round(theirsRate),
    ratio: +ratio.toFixed(1),
    cpuRatio: +cpuRatio.toFixed(1),
    identicalDecisions: mismatches.length === 0,
    mismatches: mismatches.length,
    pass: Math.max(ratio, cpuRatio) >= TARGET_RATIO && mismatches.length === 0 && fullDiffers === 0,
  };
  if (args.json) {
    console.log(JSON.stringify({ ...result, firstMismatches: mismatches.slice(0, 20) }, null, 2));
  } else {
    console.log(
      `account: ${result.roles} roles, ${result.managedPolicies} managed policies, ${result.resourcePolicies} resource policies, ${result.scps} SCPs in 3 levels (model built in ${result.modelBuildMs} ms)`,
    );
    console.log(
      `engine evaluate(): ${result.requests} requests in ${Math.round(oursMs)} ms = ${result.engineRequestsPerSecond}/s (explanations on, ${result.explanationLinesPerRequest} lines each; ${JSON.stringify(counts)})`,
    );
    console.log(
      `engine simulate(): ${result.requests} requests in ${Math.round(oursFullMs)} ms = ${result.engineFullQuestionPerSecond}/s (policies gathered per request; ${result.fullQuestionRatio}x the baseline; decisions differing from evaluate(): ${fullDiffers})`,
    );
    console.log(
      `baseline: ${nBase} requests in ${Math.round(theirsMs)} ms = ${result.baselineRequestsPerSecond}/s (iam-simulate runSimulation)`,
    );
    console.log(
      `warm-up: ${warmupPasses} untimed passes on each side; load average ${result.loadAverage.join(' ')}`,
    );
    console.log(
      `decisions on the ${nBase} shared requests: ${mismatches.length === 0 ? 'identical' : `${mismatches.length} differ`}`,
    );
    for (const m of mismatches.slice(0, 10))
      console.log(`  #${m.i} ${m.role} ${m.action} ${m.resource}: engine ${m.ours}, baseline ${m.baseline}`);
    console.log(
      `ratio evaluate() / baseline: ${result.ratio}x wall clock, ${result.cpuRatio}x CPU time (target >= ${TARGET_RATIO}x) ${result.pass ? 'PASS' : 'FAIL'}`,
    );
  }
  if (!result.pass) process.exitCode = 1;
}

await main();
