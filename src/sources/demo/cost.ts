import { DEV, PROD, at } from './accounts.js';
import { dailyMetric, type Inventory } from './builder.js';
import { PUBLIC_AMIS, ec2Id, image, instance, snapshot, volume } from './ec2.js';
import { elasticIp, type NetworkRefs } from './network.js';

/*
 * What the cost rounds should find: resources that cost money and do nothing. Each has a twin in
 * use elsewhere (the NAT gateway's address, an attached volume, the current golden image, a busy
 * web server). Idle NAT gateways and load balancers sit with their VPC and load balancing.
 */

export function addCostWaste(inv: Inventory, net: NetworkRefs): void {
  const prod = at(PROD);
  const dev = at(DEV);

  // Kept after the FTP server was retired in 2024: associated with nothing, billed every hour.
  elasticIp(inv, prod, 'old-ftp-eip', { publicIp: '198.51.100.77', problem: 'ec2-eip-unassociated' });

  // The data disk of a Jenkins server deleted 140 days ago.
  volume(inv, dev, {
    name: 'old-jenkins-data',
    az: 'us-east-1b',
    size: 500,
    type: 'gp3',
    createdDaysAgo: 900,
    tags: { 'detached-from': 'jenkins-master' },
    problem: 'ebs-volume-unattached',
  });

  // A pre-migration snapshot of a volume that no longer exists, used by no AMI.
  snapshot(inv, prod, 'pre-migration-2025-10', {
    volumeId: ec2Id('vol', prod, 'legacy-db-data-2019'),
    size: 1000,
    ageDays: 400,
    description: 'before migration to RDS',
    problem: 'ebs-snapshot-orphaned',
  });

  // Last year's web image, superseded by prod-web-golden-2026-11 and launched by nothing.
  image(inv, prod, 'prod-web-golden-2025-06', {
    description: 'Web tier golden image, June 2025',
    ageDays: 530,
    size: 16,
    lastLaunchedDaysAgo: 470,
    problem: 'ec2-ami-old-unused',
  });

  // A sandbox nobody uses any more: under 1 % CPU and almost no network for the 14-day look-back.
  instance(inv, {
    name: 'dev-sandbox-old',
    subnet: net.subnets.devPrivateB,
    securityGroups: [net.sgs.devApp],
    instanceType: 'm5.xlarge',
    imageId: PUBLIC_AMIS.al2023['us-east-1'],
    privateIp: '10.1.3.60',
    launchedDaysAgo: 380,
    metrics: {
      CPUUtilization: dailyMetric('dev-sandbox-old/cpu', 'AWS/EC2', 'Average', 'Percent', 14, 0.6, 0.3),
      NetworkIn: dailyMetric('dev-sandbox-old/in', 'AWS/EC2', 'Sum', 'Bytes', 14, 310_000, 90_000, 0),
      NetworkOut: dailyMetric('dev-sandbox-old/out', 'AWS/EC2', 'Sum', 'Bytes', 14, 180_000, 60_000, 0),
    },
    tags: { owner: 'former-employee' },
    problem: 'ec2-instance-idle',
  });
}
