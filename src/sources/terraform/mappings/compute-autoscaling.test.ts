import { describe, expect, it } from 'vitest';
import { runRules } from '../../../engine/index.js';
import type { Snapshot } from '../../../model/index.js';
import elbHealthCheck from '../../../rules/autoscaling/autoscaling-group-elb-health-check-enabled.js';
import launchTemplateUsed from '../../../rules/autoscaling/autoscaling-group-launch-template-used.js';
import type { AnyRule } from '../../../rules/rule.js';
import { byId, loadPlan, makePlan, makeState, ref, type PlanResource } from '../fixtures/make-plan.js';

/** Resource id → status of `rule` on the snapshot. */
function statuses(s: Snapshot, rule: AnyRule): Record<string, string> {
  return Object.fromEntries(runRules(s, { rules: [rule] }).findings.map((f) => [f.resource.id, f.status]));
}

const template: PlanResource = {
  address: 'aws_launch_template.app',
  after: { name: 'app', image_id: 'ami-0abcdef1234567890', metadata_options: [{ http_tokens: 'required' }] },
  unknown: { id: true, arn: true, latest_version: true },
};

/** A group as a plan shows it; `load_balancers` and `target_group_arns` are computed when not written. */
const group = (name: string, extra: Partial<PlanResource> = {}): PlanResource => ({
  address: `aws_autoscaling_group.${name}`,
  after: { name, min_size: 1, max_size: 3, vpc_zone_identifier: ['subnet-0aaa'], ...extra.after },
  unknown: { id: true, arn: true, load_balancers: true, target_group_arns: true, ...extra.unknown },
  expressions: {
    name: { constant_value: name },
    min_size: { constant_value: 1 },
    max_size: { constant_value: 3 },
    vpc_zone_identifier: { constant_value: ['subnet-0aaa'] },
    ...extra.expressions,
  },
});

describe('aws_autoscaling_group mixed_instances_policy', () => {
  const spot = {
    instances_distribution: [
      {
        on_demand_allocation_strategy: 'prioritized',
        on_demand_base_capacity: 1,
        on_demand_percentage_above_base_capacity: 25,
        spot_allocation_strategy: 'price-capacity-optimized',
        spot_instance_pools: 0,
        spot_max_price: '',
      },
    ],
  };

  it("is CloudFormation's MixedInstancesPolicy, with the template the group launches from", () => {
    const s = loadPlan(
      makePlan(
        [
          template,
          group('mixed', {
            after: {
              mixed_instances_policy: [
                {
                  ...spot,
                  launch_template: [
                    {
                      launch_template_specification: [{ launch_template_id: null, version: '$Latest' }],
                      override: [
                        { instance_type: 'm6i.large', weighted_capacity: '1' },
                        {
                          instance_type: 'm6g.large',
                          weighted_capacity: '2',
                          launch_template_specification: [{ launch_template_name: 'arm', version: '3' }],
                        },
                        {
                          instance_requirements: [
                            {
                              vcpu_count: [{ min: 2, max: 8 }],
                              memory_mib: [{ min: 4096, max: null }],
                              memory_gib_per_vcpu: [],
                              accelerator_total_memory_mib: [],
                              total_local_storage_gb: [{ min: 10, max: null }],
                              burstable_performance: 'excluded',
                              instance_generations: ['current'],
                              excluded_instance_types: [],
                            },
                          ],
                        },
                      ],
                    },
                  ],
                },
              ],
            },
            unknown: {
              mixed_instances_policy: [
                {
                  launch_template: [
                    {
                      launch_template_specification: [
                        { launch_template_id: true, launch_template_name: true },
                      ],
                    },
                  ],
                },
              ],
            },
            expressions: {
              mixed_instances_policy: [
                {
                  launch_template: [
                    {
                      launch_template_specification: [
                        {
                          launch_template_id: ref('aws_launch_template.app.id', 'aws_launch_template.app'),
                          version: { constant_value: '$Latest' },
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          }),
        ],
        { region: 'eu-west-1' },
      ),
    );
    const props = byId(s, 'aws_autoscaling_group.mixed').props;
    expect(props.MixedInstancesPolicy).toEqual({
      LaunchTemplate: {
        // The template's address: rules find it with the graph, as they find a template's logical id.
        LaunchTemplateSpecification: { LaunchTemplateId: 'aws_launch_template.app', Version: '$Latest' },
        Overrides: [
          { InstanceType: 'm6i.large', WeightedCapacity: '1' },
          {
            InstanceType: 'm6g.large',
            WeightedCapacity: '2',
            LaunchTemplateSpecification: { LaunchTemplateName: 'arm', Version: '3' },
          },
          {
            InstanceRequirements: {
              VCpuCount: { Min: 2, Max: 8 },
              MemoryMiB: { Min: 4096 },
              TotalLocalStorageGB: { Min: 10 },
              BurstablePerformance: 'excluded',
              InstanceGenerations: ['current'],
            },
          },
        ],
      },
      InstancesDistribution: {
        OnDemandAllocationStrategy: 'prioritized',
        OnDemandBaseCapacity: 1,
        OnDemandPercentageAboveBaseCapacity: 25,
        SpotAllocationStrategy: 'price-capacity-optimized',
        SpotInstancePools: 0,
      },
    });
    expect(props).not.toHaveProperty('LaunchTemplate');
    expect(s.coverage.filter((g) => g.resourceId === 'aws_autoscaling_group.mixed')).toEqual([]);
  });

  it('lets the launch-template rule pass a group whose template comes through the policy', () => {
    const s = loadPlan(
      makePlan(
        [
          template,
          group('PassMixed', {
            after: {
              launch_configuration: null,
              mixed_instances_policy: [
                {
                  launch_template: [
                    { launch_template_specification: [{ launch_template_name: 'app', version: '$Default' }] },
                  ],
                },
              ],
            },
          }),
          group('FailLaunchConfiguration', {
            after: { launch_configuration: 'legacy-lc', mixed_instances_policy: [] },
          }),
        ],
        { region: 'eu-west-1' },
      ),
    );
    expect(statuses(s, launchTemplateUsed)).toEqual({
      'aws_autoscaling_group.PassMixed': 'pass',
      'aws_autoscaling_group.FailLaunchConfiguration': 'fail',
    });
  });
});

describe('load balancers attached to a group', () => {
  const targetGroup: PlanResource = {
    address: 'aws_lb_target_group.web',
    after: { name: 'web', port: 80, protocol: 'HTTP', vpc_id: 'vpc-0123456789abcdef0' },
    unknown: { arn: true, id: true },
  };
  const elb: PlanResource = {
    address: 'aws_elb.legacy',
    after: { name: 'legacy', availability_zones: ['eu-west-1a'] },
    unknown: { id: true, arn: true },
  };
  const attachment = (name: string, expressions: Record<string, unknown>): PlanResource => ({
    address: `aws_autoscaling_attachment.${name}`,
    after: {},
    unknown: Object.fromEntries(Object.keys(expressions).map((k) => [k, true])),
    expressions,
  });

  it('folds aws_autoscaling_attachment into the group it names (TargetGroupARNs, LoadBalancerNames)', () => {
    const s = loadPlan(
      makePlan(
        [
          targetGroup,
          elb,
          group('web', { after: { health_check_type: 'EC2' } }),
          attachment('web_tg', {
            autoscaling_group_name: ref('aws_autoscaling_group.web.id', 'aws_autoscaling_group.web'),
            lb_target_group_arn: ref('aws_lb_target_group.web.arn', 'aws_lb_target_group.web'),
          }),
          attachment('web_elb', {
            autoscaling_group_name: ref('aws_autoscaling_group.web.name', 'aws_autoscaling_group.web'),
            elb: ref('aws_elb.legacy.id', 'aws_elb.legacy'),
          }),
          // A target group this plan does not manage: attached, but which one is not known.
          attachment('web_shared', {
            autoscaling_group_name: ref('aws_autoscaling_group.web.id', 'aws_autoscaling_group.web'),
            lb_target_group_arn: ref(
              'data.aws_lb_target_group.shared.arn',
              'data.aws_lb_target_group.shared',
            ),
          }),
        ],
        { region: 'eu-west-1' },
      ),
    );
    const web = byId(s, 'aws_autoscaling_group.web');
    expect(web.props.TargetGroupARNs).toEqual([
      'aws_lb_target_group.web',
      expect.objectContaining({
        expression: expect.stringMatching(/^data\.aws_lb_target_group\.shared\.arn/),
      }),
    ]);
    expect(web.props.LoadBalancerNames).toEqual(['aws_elb.legacy']);
    expect(web.props.$folds).toEqual([
      expect.objectContaining({
        property: 'TargetGroupARNs',
        index: 0,
        logicalId: 'aws_autoscaling_attachment.web_tg',
      }),
      expect.objectContaining({
        property: 'LoadBalancerNames',
        index: 0,
        logicalId: 'aws_autoscaling_attachment.web_elb',
      }),
      expect.objectContaining({
        property: 'TargetGroupARNs',
        index: 1,
        logicalId: 'aws_autoscaling_attachment.web_shared',
      }),
    ]);
    expect(s.resources.some((r) => r.id.startsWith('aws_autoscaling_attachment.'))).toBe(false);
    expect(statuses(s, elbHealthCheck)).toEqual({ 'aws_autoscaling_group.web': 'fail' });
  });

  it('finds a group named by its literal name, and keeps an attachment to a group not in the plan', () => {
    const s = loadPlan(
      makePlan(
        [
          targetGroup,
          group('api', { after: { health_check_type: 'ELB' } }),
          {
            address: 'aws_autoscaling_attachment.api',
            after: { autoscaling_group_name: 'api' },
            unknown: { lb_target_group_arn: true },
            expressions: {
              autoscaling_group_name: { constant_value: 'api' },
              lb_target_group_arn: ref('aws_lb_target_group.web.arn', 'aws_lb_target_group.web'),
            },
          },
          {
            address: 'aws_autoscaling_attachment.imported',
            after: { autoscaling_group_name: 'managed-elsewhere', elb: 'legacy-elb' },
          },
        ],
        { region: 'eu-west-1' },
      ),
    );
    expect(byId(s, 'aws_autoscaling_group.api').props.TargetGroupARNs).toEqual(['aws_lb_target_group.web']);
    expect(byId(s, 'aws_autoscaling_attachment.imported').type).toBe('Terraform::aws_autoscaling_attachment');
    expect(s.coverage).toContainEqual(
      expect.objectContaining({
        kind: 'missing-reference',
        resourceId: 'aws_autoscaling_attachment.imported',
      }),
    );
    expect(statuses(s, elbHealthCheck)).toEqual({ 'aws_autoscaling_group.api': 'pass' });
  });

  it('does not list twice what a state shows on both the group and the attachment', () => {
    const tgArn = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef';
    const s = loadPlan(
      makeState([
        { address: 'aws_lb_target_group.web', values: { arn: tgArn, id: tgArn, name: 'web', port: 80 } },
        {
          address: 'aws_autoscaling_group.web',
          values: {
            name: 'web',
            id: 'web',
            min_size: 1,
            max_size: 2,
            target_group_arns: [tgArn],
            load_balancers: [],
          },
        },
        {
          address: 'aws_autoscaling_attachment.web',
          values: { autoscaling_group_name: 'web', lb_target_group_arn: tgArn, elb: '', id: 'web-123' },
        },
      ]),
    );
    const web = byId(s, 'aws_autoscaling_group.web');
    expect(web.props.TargetGroupARNs).toEqual(['aws_lb_target_group.web']);
    expect(web.props).not.toHaveProperty('LoadBalancerNames');
  });

  it('keeps traffic sources where CloudFormation declares them, TrafficSources', () => {
    const s = loadPlan(
      makePlan(
        [
          targetGroup,
          group('inline', {
            after: { traffic_source: [{ identifier: 'legacy-elb', type: 'elb' }] },
            expressions: {
              traffic_source: [
                { identifier: { constant_value: 'legacy-elb' }, type: { constant_value: 'elb' } },
              ],
            },
          }),
          {
            address: 'aws_autoscaling_traffic_source_attachment.inline',
            after: { traffic_source: [{ type: 'elbv2' }] },
            unknown: { autoscaling_group_name: true, traffic_source: [{ identifier: true }] },
            expressions: {
              autoscaling_group_name: ref('aws_autoscaling_group.inline.id', 'aws_autoscaling_group.inline'),
              traffic_source: [
                {
                  identifier: ref('aws_lb_target_group.web.arn', 'aws_lb_target_group.web'),
                  type: { constant_value: 'elbv2' },
                },
              ],
            },
          },
        ],
        { region: 'eu-west-1' },
      ),
    );
    expect(byId(s, 'aws_autoscaling_group.inline').props.TrafficSources).toEqual([
      { Identifier: 'legacy-elb', Type: 'elb' },
      { Identifier: 'aws_lb_target_group.web', Type: 'elbv2' },
    ]);
  });
});
