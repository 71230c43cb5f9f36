import type { AnyRule } from '../rule.js';
import defaultSecurityGroupNoRules from './ec2-default-security-group-no-rules.js';
import ebsDefaultEncryptionEnabled from './ec2-ebs-default-encryption-enabled.js';
import eipAssociated from './ec2-eip-associated.js';
import imageCopiedToDrRegion from './ec2-image-copied-to-dr-region.js';
import imageInUse from './ec2-image-in-use.js';
import imageNotPublic from './ec2-image-not-public.js';
import instanceCpuCreditsAvailable from './ec2-instance-cpu-credits-available.js';
import instanceImdsv2Required from './ec2-instance-imdsv2-required.js';
import instanceNoPublicIp from './ec2-instance-no-public-ip.js';
import instanceNotIdle from './ec2-instance-not-idle.js';
import instanceNotStoppedLong from './ec2-instance-not-stopped-long.js';
import instanceProfileAttached from './ec2-instance-profile-attached.js';
import instanceRouteTargetSourceDestCheckDisabled from './ec2-instance-route-target-source-dest-check-disabled.js';
import instanceSingleEni from './ec2-instance-single-eni.js';
import instanceTypeCurrentGeneration from './ec2-instance-type-current-generation.js';
import launchTemplateImdsv2Required from './ec2-launch-template-imdsv2-required.js';
import natGatewayInPublicSubnet from './ec2-nat-gateway-in-public-subnet.js';
import natGatewayNotIdle from './ec2-nat-gateway-not-idle.js';
import networkAclAdminPortsRestricted from './ec2-network-acl-admin-ports-restricted.js';
import networkAclDenyRuleEffective from './ec2-network-acl-deny-rule-effective.js';
import networkAclInUse from './ec2-network-acl-in-use.js';
import securityGroupAdminPortsRestricted from './ec2-security-group-admin-ports-restricted.js';
import securityGroupAttached from './ec2-security-group-attached.js';
import securityGroupHighRiskPortsRestricted from './ec2-security-group-high-risk-ports-restricted.js';
import securityGroupOpenIngressAuthorizedPorts from './ec2-security-group-open-ingress-authorized-ports.js';
import snapshotNotPublic from './ec2-snapshot-not-public.js';
import snapshotSourceExists from './ec2-snapshot-source-exists.js';
import subnetNoAutoAssignPublicIp from './ec2-subnet-no-auto-assign-public-ip.js';
import subnetPrivateNoInternetGatewayRoute from './ec2-subnet-private-no-internet-gateway-route.js';
import volumeAttached from './ec2-volume-attached.js';
import volumeEncrypted from './ec2-volume-encrypted.js';
import volumeGp3 from './ec2-volume-gp3.js';
import vpcFlowLogsEnabled from './ec2-vpc-flow-logs-enabled.js';
import vpcPeeringRoutesSymmetric from './ec2-vpc-peering-routes-symmetric.js';
import vpcS3GatewayEndpointPresent from './ec2-vpc-s3-gateway-endpoint-present.js';

/** The EC2 and VPC rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const ec2Rules: readonly AnyRule[] = [
  defaultSecurityGroupNoRules,
  ebsDefaultEncryptionEnabled,
  eipAssociated,
  imageCopiedToDrRegion,
  imageInUse,
  imageNotPublic,
  instanceCpuCreditsAvailable,
  instanceImdsv2Required,
  instanceNoPublicIp,
  instanceNotIdle,
  instanceNotStoppedLong,
  instanceProfileAttached,
  instanceRouteTargetSourceDestCheckDisabled,
  instanceSingleEni,
  instanceTypeCurrentGeneration,
  launchTemplateImdsv2Required,
  natGatewayInPublicSubnet,
  natGatewayNotIdle,
  networkAclAdminPortsRestricted,
  networkAclDenyRuleEffective,
  networkAclInUse,
  securityGroupAdminPortsRestricted,
  securityGroupAttached,
  securityGroupHighRiskPortsRestricted,
  securityGroupOpenIngressAuthorizedPorts,
  snapshotNotPublic,
  snapshotSourceExists,
  subnetNoAutoAssignPublicIp,
  subnetPrivateNoInternetGatewayRoute,
  volumeAttached,
  volumeEncrypted,
  volumeGp3,
  vpcFlowLogsEnabled,
  vpcPeeringRoutesSymmetric,
  vpcS3GatewayEndpointPresent,
];
