import type { AnyRule } from '../rule.js';
import securityGroupAdminPortsRestricted from './ec2-security-group-admin-ports-restricted.js';

/** The EC2 and VPC rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const ec2Rules: readonly AnyRule[] = [securityGroupAdminPortsRestricted];
