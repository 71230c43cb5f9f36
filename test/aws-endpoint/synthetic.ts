/**
 * A synthetic account of any size, as recorded wire responses: EC2 (instances, volumes, snapshots,
 * security groups, ENIs, subnets, VPCs), S3 buckets with their settings, IAM users with access keys.
 * Used by the benchmark (`bench/collect.mjs`) and by tests that need many pages.
 */
import { FixtureStore } from './fixtures.js';
import { EC2_NAMESPACE, QUERY_NAMESPACES } from './protocols.js';

export interface SyntheticSize {
  instances: number;
  volumes: number;
  snapshots: number;
  securityGroups: number;
  networkInterfaces: number;
  subnets: number;
  vpcs: number;
  buckets: number;
  users: number;
}

export const SYNTHETIC_ACCOUNT_ID = '222233334444';

const hex = (n: number): string => n.toString(16).padStart(17, '0');

function ec2(operation: string, set: string, items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${EC2_NAMESPACE}"><requestId>{{requestId}}</requestId><${set}>${items.join('')}</${set}></${operation}Response>`;
}

function iam(operation: string, body: string): string {
  return `<${operation}Response xmlns="${QUERY_NAMESPACES.iam}"><${operation}Result>${body}</${operation}Result><ResponseMetadata><RequestId>{{requestId}}</RequestId></ResponseMetadata></${operation}Response>`;
}

/** Resources the collection should produce for a size (the per-account singletons aside). */
export function syntheticResourceCount(size: SyntheticSize): number {
  return Object.values(size).reduce((a, b) => a + b, 0);
}

export function syntheticAccount(size: SyntheticSize, region = 'us-east-1'): FixtureStore {
  const store = new FixtureStore();
  const a = SYNTHETIC_ACCOUNT_ID;
  const vpc = (i: number) => `vpc-${hex(i % Math.max(1, size.vpcs))}`;
  const subnet = (i: number) => `subnet-${hex(i % Math.max(1, size.subnets))}`;
  const sg = (i: number) => `sg-${hex(i % Math.max(1, size.securityGroups))}`;
  store.set(
    'sts/GetCallerIdentity',
    `<GetCallerIdentityResponse xmlns="${QUERY_NAMESPACES.sts}"><GetCallerIdentityResult><Arn>arn:aws:iam::${a}:user/bench</Arn><UserId>AIDABENCH</UserId><Account>${a}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>{{requestId}}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  );
  store.set(
    'ec2/DescribeRegions',
    ec2('DescribeRegions', 'regionInfo', [
      `<item><regionName>${region}</regionName><optInStatus>opt-in-not-required</optInStatus></item>`,
    ]),
  );
  const r = (key: string, body: string) => store.set(`${region}/${key}`, body);
  r(
    'ec2/DescribeVpcs',
    ec2(
      'DescribeVpcs',
      'vpcSet',
      Array.from(
        { length: size.vpcs },
        (_, i) =>
          `<item><vpcId>${vpc(i)}</vpcId><ownerId>${a}</ownerId><state>available</state><cidrBlock>10.${i % 256}.0.0/16</cidrBlock><isDefault>false</isDefault></item>`,
      ),
    ),
  );
  r(
    'ec2/DescribeSubnets',
    ec2(
      'DescribeSubnets',
      'subnetSet',
      Array.from(
        { length: size.subnets },
        (_, i) =>
          `<item><subnetId>${subnet(i)}</subnetId><ownerId>${a}</ownerId><vpcId>${vpc(i)}</vpcId><cidrBlock>10.${i % 256}.${i % 200}.0/24</cidrBlock><availabilityZone>${region}a</availabilityZone><mapPublicIpOnLaunch>false</mapPublicIpOnLaunch><state>available</state></item>`,
      ),
    ),
  );
  r(
    'ec2/DescribeSecurityGroups',
    ec2(
      'DescribeSecurityGroups',
      'securityGroupInfo',
      Array.from(
        { length: size.securityGroups },
        (_, i) =>
          `<item><ownerId>${a}</ownerId><groupId>${sg(i)}</groupId><groupName>sg-${i}</groupName><groupDescription>bench</groupDescription><vpcId>${vpc(i)}</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort><groups/><ipRanges><item><cidrIp>10.0.0.0/8</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissions><ipPermissionsEgress/></item>`,
      ),
    ),
  );
  r(
    'ec2/DescribeInstances',
    ec2(
      'DescribeInstances',
      'reservationSet',
      Array.from(
        { length: size.instances },
        (_, i) =>
          `<item><reservationId>r-${hex(i)}</reservationId><ownerId>${a}</ownerId><instancesSet><item><instanceId>i-${hex(i)}</instanceId><imageId>ami-${hex(1)}</imageId><instanceState><code>16</code><name>running</name></instanceState><instanceType>t3.micro</instanceType><placement><availabilityZone>${region}a</availabilityZone></placement><subnetId>${subnet(i)}</subnetId><vpcId>${vpc(i)}</vpcId><privateIpAddress>10.0.${Math.floor(i / 250) % 256}.${i % 250}</privateIpAddress><groupSet><item><groupId>${sg(i)}</groupId></item></groupSet><metadataOptions><httpTokens>required</httpTokens></metadataOptions></item></instancesSet></item>`,
      ),
    ),
  );
  r(
    'ec2/DescribeVolumes',
    ec2(
      'DescribeVolumes',
      'volumeSet',
      Array.from(
        { length: size.volumes },
        (_, i) =>
          `<item><volumeId>vol-${hex(i)}</volumeId><size>8</size><availabilityZone>${region}a</availabilityZone><status>in-use</status><volumeType>gp3</volumeType><encrypted>true</encrypted><attachmentSet/></item>`,
      ),
    ),
  );
  r(
    'ec2/DescribeSnapshots',
    ec2(
      'DescribeSnapshots',
      'snapshotSet',
      Array.from(
        { length: size.snapshots },
        (_, i) =>
          `<item><snapshotId>snap-${hex(i)}</snapshotId><volumeId>vol-${hex(i)}</volumeId><status>completed</status><ownerId>${a}</ownerId><volumeSize>8</volumeSize><encrypted>true</encrypted><startTime>2026-01-01T00:00:00.000Z</startTime></item>`,
      ),
    ),
  );
  r(
    'ec2/DescribeNetworkInterfaces',
    ec2(
      'DescribeNetworkInterfaces',
      'networkInterfaceSet',
      Array.from(
        { length: size.networkInterfaces },
        (_, i) =>
          `<item><networkInterfaceId>eni-${hex(i)}</networkInterfaceId><subnetId>${subnet(i)}</subnetId><vpcId>${vpc(i)}</vpcId><ownerId>${a}</ownerId><status>in-use</status><privateIpAddress>10.1.${Math.floor(i / 250) % 256}.${i % 250}</privateIpAddress><interfaceType>interface</interfaceType><groupSet/></item>`,
      ),
    ),
  );
  const buckets = Array.from({ length: size.buckets }, (_, i) => `bench-bucket-${i}`);
  store.set(
    's3/ListBuckets',
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>bench</ID></Owner><Buckets>${buckets.map((b) => `<Bucket><Name>${b}</Name><CreationDate>2025-01-01T00:00:00.000Z</CreationDate></Bucket>`).join('')}</Buckets></ListAllMyBucketsResult>`,
  );
  for (const b of buckets) {
    store.set(
      `s3/${b}/location`,
      `<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${region === 'us-east-1' ? '' : region}</LocationConstraint>`,
    );
    store.set(
      `s3/${b}/versioning`,
      `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>`,
    );
    store.set(
      `s3/${b}/encryption`,
      `<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`,
    );
  }
  const users = Array.from({ length: size.users }, (_, i) => `user-${i}`);
  store.set('iam/GenerateCredentialReport', iam('GenerateCredentialReport', '<State>COMPLETE</State>'));
  const csv = [
    'user,arn,password_enabled,mfa_active',
    `<root_account>,arn:aws:iam::${a}:root,not_supported,true`,
  ]
    .concat(users.map((u) => `${u},arn:aws:iam::${a}:user/${u},false,false`))
    .join('\n');
  store.set(
    'iam/GetCredentialReport',
    iam(
      'GetCredentialReport',
      `<Content>${Buffer.from(csv).toString('base64')}</Content><ReportFormat>text/csv</ReportFormat>`,
    ),
  );
  store.set(
    'iam/GetAccountAuthorizationDetails',
    iam(
      'GetAccountAuthorizationDetails',
      `<IsTruncated>false</IsTruncated><UserDetailList>${users.map((u, i) => `<member><Path>/</Path><UserName>${u}</UserName><UserId>AIDA${hex(i).toUpperCase()}</UserId><Arn>arn:aws:iam::${a}:user/${u}</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate><GroupList/><AttachedManagedPolicies/><UserPolicyList/></member>`).join('')}</UserDetailList><GroupDetailList/><RoleDetailList/><Policies/>`,
    ),
  );
  users.forEach((u, i) => {
    const key = `AKIA${hex(i).toUpperCase().slice(1)}`;
    store.set(
      `iam/ListAccessKeys/${u}`,
      iam(
        'ListAccessKeys',
        `<UserName>${u}</UserName><AccessKeyMetadata><member><UserName>${u}</UserName><AccessKeyId>${key}</AccessKeyId><Status>Active</Status><CreateDate>2025-01-01T00:00:00Z</CreateDate></member></AccessKeyMetadata><IsTruncated>false</IsTruncated>`,
      ),
    );
    store.set(
      `iam/GetAccessKeyLastUsed/${key}`,
      iam(
        'GetAccessKeyLastUsed',
        `<UserName>${u}</UserName><AccessKeyLastUsed><Region>${region}</Region><LastUsedDate>2026-11-01T00:00:00Z</LastUsedDate><ServiceName>s3</ServiceName></AccessKeyLastUsed>`,
      ),
    );
  });
  return store;
}
