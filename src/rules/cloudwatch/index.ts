import type { AnyRule } from '../rule.js';
import accountSecurityFindingsForwarded from './cloudwatch-account-security-findings-forwarded.js';
import alarmActionsConfigured from './cloudwatch-alarm-actions-configured.js';
import alarmHasData from './cloudwatch-alarm-has-data.js';
import alarmOk from './cloudwatch-alarm-ok.js';
import idleInstanceStopAlarmPresent from './cloudwatch-idle-instance-stop-alarm-present.js';
import instanceStatusCheckAlarmPresent from './cloudwatch-instance-status-check-alarm-present.js';
import unauthorizedApiCallsMonitored from './cloudwatch-trail-unauthorized-api-calls-monitored.js';
import consoleLoginWithoutMfaMonitored from './cloudwatch-trail-console-login-without-mfa-monitored.js';
import rootUsageMonitored from './cloudwatch-trail-root-usage-monitored.js';
import iamPolicyChangesMonitored from './cloudwatch-trail-iam-policy-changes-monitored.js';
import cloudtrailChangesMonitored from './cloudwatch-trail-cloudtrail-changes-monitored.js';
import consoleAuthFailuresMonitored from './cloudwatch-trail-console-auth-failures-monitored.js';
import kmsKeyDeletionMonitored from './cloudwatch-trail-kms-key-deletion-monitored.js';
import s3BucketPolicyChangesMonitored from './cloudwatch-trail-s3-bucket-policy-changes-monitored.js';
import configChangesMonitored from './cloudwatch-trail-config-changes-monitored.js';
import securityGroupChangesMonitored from './cloudwatch-trail-security-group-changes-monitored.js';
import naclChangesMonitored from './cloudwatch-trail-nacl-changes-monitored.js';
import networkGatewayChangesMonitored from './cloudwatch-trail-network-gateway-changes-monitored.js';
import routeTableChangesMonitored from './cloudwatch-trail-route-table-changes-monitored.js';
import vpcChangesMonitored from './cloudwatch-trail-vpc-changes-monitored.js';
import organizationsChangesMonitored from './cloudwatch-trail-organizations-changes-monitored.js';

/** The CloudWatch rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const cloudwatchRules: readonly AnyRule[] = [
  // The morning check of alarms, and alarms that act on instances (the notebook's stop / recover).
  alarmOk,
  alarmHasData,
  alarmActionsConfigured,
  idleInstanceStopAlarmPresent,
  instanceStatusCheckAlarmPresent,
  // Findings leave every account through a rule of its own.
  accountSecurityFindingsForwarded,
  // CIS AWS Foundations v5.0 section 4: metric filters and alarms on the trail's log group.
  unauthorizedApiCallsMonitored,
  consoleLoginWithoutMfaMonitored,
  rootUsageMonitored,
  iamPolicyChangesMonitored,
  cloudtrailChangesMonitored,
  consoleAuthFailuresMonitored,
  kmsKeyDeletionMonitored,
  s3BucketPolicyChangesMonitored,
  configChangesMonitored,
  securityGroupChangesMonitored,
  naclChangesMonitored,
  networkGatewayChangesMonitored,
  routeTableChangesMonitored,
  vpcChangesMonitored,
  organizationsChangesMonitored,
];
