import { describe, expect, it } from 'vitest';
import { deniedMetrics, expectResources, resource } from '../../test/rule-fixtures.js';
import idleStopAlarm from './cloudwatch/cloudwatch-idle-instance-stop-alarm-present.js';
import capacity from './dynamodb/dynamodb-table-capacity-not-overprovisioned.js';
import throttled from './dynamodb/dynamodb-table-not-throttled.js';
import cpuCredits from './ec2/ec2-instance-cpu-credits-available.js';
import instanceIdle from './ec2/ec2-instance-not-idle.js';
import natIdle from './ec2/ec2-nat-gateway-not-idle.js';
import lbIdle from './elb/elb-load-balancer-not-idle.js';
import rdsIdle from './rds/rds-instance-not-idle.js';
import lambdaErrors from '../health/checks/lambda-function-errors-low.js';
import lambdaThrottles from '../health/checks/lambda-function-not-throttled.js';
import type { AnyRule } from './rule.js';

// A live resource whose metrics a failed GetMetricData left out: every rule that reads metrics
// answers error (the check was not made), never "not applicable" as for a template.
const cases: [AnyRule, string, Record<string, unknown>, Record<string, unknown>][] = [
  [instanceIdle, 'AWS::EC2::Instance', { InstanceType: 'm5.large' }, { State: 'running' }],
  [idleStopAlarm, 'AWS::EC2::Instance', { InstanceType: 'm5.large' }, { State: 'running' }],
  [cpuCredits, 'AWS::EC2::Instance', { InstanceType: 't2.micro' }, { State: 'running' }],
  [natIdle, 'AWS::EC2::NatGateway', { SubnetId: 'subnet-1' }, { State: 'available' }],
  [
    lbIdle,
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    { Type: 'application' },
    { State: { Code: 'active' } },
  ],
  [rdsIdle, 'AWS::RDS::DBInstance', { DBInstanceClass: 'db.t3.micro' }, { DBInstanceStatus: 'available' }],
  [lambdaErrors, 'AWS::Lambda::Function', {}, {}],
  [lambdaThrottles, 'AWS::Lambda::Function', {}, {}],
  [throttled, 'AWS::DynamoDB::Table', { BillingMode: 'PAY_PER_REQUEST' }, {}],
  [
    capacity,
    'AWS::DynamoDB::Table',
    { BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } },
    {},
  ],
];

describe('rules that read CloudWatch metrics', () => {
  it.each(cases)(
    '%s: error when GetMetricData failed, not applicable without a failure',
    (rule, type, props, observed) => {
      const live = (id: string, account?: string) =>
        resource(type, id, props, { observed, ...(account ? { account } : {}) });
      const findings = expectResources(
        rule as AnyRule,
        [live('ErrorMetricsNotRead'), live('NotApplicableNothingFailed', '444455556666')],
        { coverage: [deniedMetrics(type)] },
      );
      expect(findings.find((f) => f.resource.id === 'ErrorMetricsNotRead')?.reason).toContain(
        'its CloudWatch metrics were not read (observed.Metrics of',
      );
    },
  );
});
