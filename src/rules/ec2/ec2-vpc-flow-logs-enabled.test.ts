import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import { unresolved } from '../../model/index.js';
import rule from './ec2-vpc-flow-logs-enabled.js';

const VPC = 'AWS::EC2::VPC';
const FLOW_LOG = 'AWS::EC2::FlowLog';

describe('ec2-vpc-flow-logs-enabled', () => {
  it('needs a flow log whose resource is the VPC itself', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-vpc-flow-logs-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailAcceptOnly')?.reason).toBe(
      'VPC FailAcceptOnly has no working flow log of rejected traffic: flow log AcceptFlowLog records ACCEPT traffic only, not rejected traffic.',
    );
  });

  it('does not count flow logs that are inactive or fail to deliver', () => {
    const findings = expectResources(rule, [
      resource(VPC, 'FailDeliveryFailing'),
      resource(
        FLOW_LOG,
        'fl-1',
        { ResourceId: 'FailDeliveryFailing', TrafficType: 'ALL' },
        {
          observed: {
            FlowLogStatus: 'ACTIVE',
            DeliverLogsStatus: 'FAILED',
            DeliverLogsErrorMessage: 'Access error',
          },
        },
      ),
      resource(VPC, 'PassActive'),
      resource(
        FLOW_LOG,
        'fl-2',
        { ResourceId: 'PassActive', TrafficType: 'ALL' },
        { observed: { FlowLogStatus: 'ACTIVE', DeliverLogsStatus: 'SUCCESS' } },
      ),
      resource(VPC, 'ErrorLogTargetUnknown'),
      resource(FLOW_LOG, 'fl-3', {
        ResourceId: unresolved({ 'Fn::If': ['UseVpc', 'ErrorLogTargetUnknown', 'x'] }, 'condition not known'),
      }),
      resource(VPC, 'FailActiveAcceptOnly'),
      resource(
        FLOW_LOG,
        'fl-4',
        { ResourceId: 'FailActiveAcceptOnly', TrafficType: 'ACCEPT' },
        { observed: { FlowLogStatus: 'ACTIVE', DeliverLogsStatus: 'SUCCESS' } },
      ),
      resource(VPC, 'ErrorTrafficTypeNotStated'),
      resource(
        FLOW_LOG,
        'fl-5',
        { ResourceId: 'ErrorTrafficTypeNotStated' },
        { observed: { FlowLogStatus: 'ACTIVE', DeliverLogsStatus: 'SUCCESS' } },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailDeliveryFailing')?.reason).toContain('(Access error)');
  });
  it('does not say a VPC has no flow log when the flow logs of its account and region were not listed', () => {
    const findings = expectResources(
      rule,
      [resource(VPC, 'ErrorFlowLogsUnread'), resource(VPC, 'FailReadElsewhere', {}, { region: 'eu-west-1' })],
      { coverage: [deniedListing(FLOW_LOG)] },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorFlowLogsUnread')?.reason).toContain(
      'whether it has a working flow log is not known: AWS::EC2::FlowLog not collected',
    );
  });
});
