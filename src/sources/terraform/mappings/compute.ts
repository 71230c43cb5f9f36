/** Lambda, load balancers, Auto Scaling, containers. */
import { isUnresolved, unresolved } from '../../../model/index.js';
import type { TfInstance } from '../instance.js';
import { appendItems } from './fold.js';
import {
  compact,
  configuredValue,
  copy,
  isSet,
  isValues,
  mapBlock,
  mapBlocks,
  pascal,
  policyDocument,
  put,
  renameKeys,
  strings,
  type Props,
  type Values,
} from './helpers.js';
import type { FoldMapping, FoldTarget, FoldTargetSpec, TypeMapping } from './types.js';

const lambdaFunction: TypeMapping = {
  cfnType: 'AWS::Lambda::Function',
  nameProp: 'FunctionName',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, {
      function_name: 'FunctionName',
      role: 'Role',
      handler: 'Handler',
      runtime: 'Runtime',
      memory_size: 'MemorySize',
      timeout: 'Timeout',
      description: 'Description',
      kms_key_arn: 'KmsKeyArn',
      architectures: 'Architectures',
      package_type: 'PackageType',
      layers: 'Layers',
    });
    // -1 is Terraform's "no reserved concurrency"; CloudFormation leaves the property out.
    if (typeof v.reserved_concurrent_executions === 'number' && v.reserved_concurrent_executions >= 0) {
      props.ReservedConcurrentExecutions = v.reserved_concurrent_executions;
    }
    put(
      props,
      'Code',
      compact({
        S3Bucket: v.s3_bucket,
        S3Key: v.s3_key,
        S3ObjectVersion: v.s3_object_version,
        ImageUri: v.image_uri,
      }),
    );
    put(
      props,
      'VpcConfig',
      mapBlock(v.vpc_config, (c) =>
        compact({
          SubnetIds: c.subnet_ids,
          SecurityGroupIds: c.security_group_ids,
          Ipv6AllowedForDualStack: c.ipv6_allowed_for_dual_stack,
        }),
      ),
    );
    put(
      props,
      'TracingConfig',
      mapBlock(configuredValue(inst, 'tracing_config'), (t) => compact({ Mode: t.mode })),
    );
    put(
      props,
      'DeadLetterConfig',
      mapBlock(v.dead_letter_config, (d) => compact({ TargetArn: d.target_arn })),
    );
    put(
      props,
      'Environment',
      mapBlock(v.environment, (e) => compact({ Variables: e.variables })),
    );
    put(
      props,
      'EphemeralStorage',
      mapBlock(configuredValue(inst, 'ephemeral_storage'), (e) => compact({ Size: e.size })),
    );
    return props;
  },
};

/**
 * `aws_lambda_function.f.arn` (or `.qualified_arn`), with any module path: the function `f` itself
 * (group 1), and `qualified_` when the ARN carries the published version (group 2).
 */
const FUNCTION_ARN_REFERENCE =
  /^((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*aws_lambda_function\.[\w-]+(?:\[[^\]]*\])?)\.(qualified_)?arn$/;

/**
 * The function a permission names. A reference to the function's name is already its address; one to
 * its ARN, unknown in a plan, is made the address too, so that the permission is linked to its function.
 */
function permittedFunction(value: unknown): unknown {
  if (!isUnresolved(value) || typeof value.expression !== 'string') return value;
  return FUNCTION_ARN_REFERENCE.exec(value.expression)?.[1] ?? value;
}

/**
 * `aws_lambda_permission`: one statement of the function's resource-based policy, as CloudFormation's
 * `AWS::Lambda::Permission`, which the rules follow to the function through `FunctionName`.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_permission
 */
const lambdaPermission: TypeMapping = {
  cfnType: 'AWS::Lambda::Permission',
  tags: 'none',
  props: (inst) => {
    const props: Props = {};
    put(props, 'FunctionName', permittedFunction(inst.values.function_name));
    return copy(
      inst.values,
      {
        action: 'Action',
        principal: 'Principal',
        source_account: 'SourceAccount',
        source_arn: 'SourceArn',
        principal_org_id: 'PrincipalOrgID',
        event_source_token: 'EventSourceToken',
        function_url_auth_type: 'FunctionUrlAuthType',
      },
      props,
    );
  },
};

/**
 * The function and qualifier an event invoke configuration names. Its `function_name` is the
 * function's name or unqualified ARN; a reference to the ARN, unknown in a plan, is made the
 * function's address so the configuration is linked to it. `qualified_arn` is the ARN with the version
 * `publish` gives, which is only known after apply: the function is linked, the qualifier stays unknown.
 */
function invokedFunction(value: unknown): { name: unknown; qualifier?: unknown } {
  if (!isUnresolved(value) || typeof value.expression !== 'string') return { name: value };
  const match = FUNCTION_ARN_REFERENCE.exec(value.expression);
  if (!match?.[1]) return { name: value };
  if (!match[2]) return { name: match[1] };
  return { name: match[1], qualifier: unresolved(`${match[1]}.version`, 'known after apply') };
}

/** A `destination_config` `on_failure` / `on_success` block: `{Destination}`. */
function destination(block: unknown): unknown {
  return mapBlock(block, (d) => compact({ Destination: d.destination }));
}

/**
 * `aws_lambda_function_event_invoke_config` → `AWS::Lambda::EventInvokeConfig`: retries, maximum age and
 * destinations of asynchronous invocations of one version or alias. CloudFormation requires `Qualifier`;
 * Terraform's `qualifier` is optional, and a configuration without one applies to the unqualified
 * function (`$LATEST`), as the rules read an absent `Qualifier`. A plan states the provider's default
 * `maximum_retry_attempts` (2) when the configuration leaves it out.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function_event_invoke_config
 * https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
 */
const eventInvokeConfig: TypeMapping = {
  cfnType: 'AWS::Lambda::EventInvokeConfig',
  tags: 'none',
  props: (inst) => {
    const v = inst.values;
    const fn = invokedFunction(v.function_name);
    const props: Props = {};
    put(props, 'FunctionName', fn.name);
    const qualifier = configuredValue(inst, 'qualifier');
    put(props, 'Qualifier', isSet(qualifier) ? qualifier : fn.qualifier);
    put(props, 'MaximumRetryAttempts', v.maximum_retry_attempts);
    // 60 to 21600 seconds; a state records an unset maximum age as 0.
    if (v.maximum_event_age_in_seconds !== 0)
      put(props, 'MaximumEventAgeInSeconds', v.maximum_event_age_in_seconds);
    put(
      props,
      'DestinationConfig',
      mapBlock(v.destination_config, (d) =>
        compact({ OnFailure: destination(d.on_failure), OnSuccess: destination(d.on_success) }),
      ),
    );
    return props;
  },
};

// ---------------------------------------------------------------------------------------------------
// Elastic Load Balancing v2

/** Load balancer settings CloudFormation keeps as `LoadBalancerAttributes` key/value strings. */
function lbAttributes(inst: TfInstance): Props[] | undefined {
  const v = inst.values;
  const out: Props[] = [];
  const add = (key: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return;
    out.push({ Key: key, Value: isUnresolved(value) ? value : String(value) });
  };
  const logs = mapBlock(v.access_logs, (b) => b);
  if (logs && !isUnresolved(logs)) {
    add('access_logs.s3.enabled', logs.enabled);
    add('access_logs.s3.bucket', logs.bucket);
    add('access_logs.s3.prefix', logs.prefix);
  }
  add('deletion_protection.enabled', v.enable_deletion_protection);
  add('routing.http.drop_invalid_header_fields.enabled', v.drop_invalid_header_fields);
  add('idle_timeout.timeout_seconds', v.idle_timeout);
  add('routing.http2.enabled', v.enable_http2);
  add('load_balancing.cross_zone.enabled', v.enable_cross_zone_load_balancing);
  add('routing.http.desync_mitigation_mode', v.desync_mitigation_mode);
  return out.length > 0 ? out : undefined;
}

const loadBalancer: TypeMapping = {
  cfnType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  nameProp: 'Name',
  props: (inst) => {
    const v = inst.values;
    const props: Props = {};
    put(props, 'Name', configuredValue(inst, 'name'));
    put(props, 'Type', v.load_balancer_type);
    if (typeof v.internal === 'boolean') props.Scheme = v.internal ? 'internal' : 'internet-facing';
    else put(props, 'Scheme', v.internal);
    put(props, 'IpAddressType', v.ip_address_type);
    put(props, 'Subnets', configuredValue(inst, 'subnets'));
    put(props, 'SecurityGroups', configuredValue(inst, 'security_groups'));
    put(
      props,
      'SubnetMappings',
      mapBlocks(configuredValue(inst, 'subnet_mapping'), (m) =>
        compact({
          SubnetId: m.subnet_id,
          AllocationId: m.allocation_id,
          PrivateIPv4Address: m.private_ipv4_address,
          IPv6Address: m.ipv6_address,
        }),
      ),
    );
    put(props, 'LoadBalancerAttributes', lbAttributes(inst));
    return props;
  },
};

function action(a: Values): Props | undefined {
  return compact({
    Type: a.type,
    Order: a.order,
    TargetGroupArn: a.target_group_arn,
    RedirectConfig: mapBlock(a.redirect, (r) =>
      compact({
        Protocol: r.protocol,
        Port: r.port,
        Host: r.host,
        Path: r.path,
        Query: r.query,
        StatusCode: r.status_code,
      }),
    ),
    FixedResponseConfig: mapBlock(a.fixed_response, (f) =>
      compact({ ContentType: f.content_type, MessageBody: f.message_body, StatusCode: f.status_code }),
    ),
    ForwardConfig: mapBlock(a.forward, (f) =>
      compact({
        TargetGroups: mapBlocks(f.target_group, (t) => compact({ TargetGroupArn: t.arn, Weight: t.weight })),
      }),
    ),
  });
}

const listener: TypeMapping = {
  cfnType: 'AWS::ElasticLoadBalancingV2::Listener',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, { load_balancer_arn: 'LoadBalancerArn', port: 'Port', protocol: 'Protocol' });
    put(props, 'SslPolicy', configuredValue(inst, 'ssl_policy'));
    if (isSet(v.certificate_arn)) props.Certificates = [{ CertificateArn: v.certificate_arn }];
    if (isSet(v.alpn_policy)) props.AlpnPolicy = [v.alpn_policy];
    put(props, 'DefaultActions', mapBlocks(v.default_action, action));
    return props;
  },
};

/**
 * `aws_lb_listener_rule`: a listener's rules answer the requests they match with their own actions,
 * whatever the default action does. Conditions are not mapped: no rule reads them yet.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_listener_rule
 */
const listenerRule: TypeMapping = {
  cfnType: 'AWS::ElasticLoadBalancingV2::ListenerRule',
  // CloudFormation's ListenerRule has no Tags.
  tags: 'none',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, { listener_arn: 'ListenerArn', priority: 'Priority' });
    put(props, 'Actions', mapBlocks(v.action, action));
    return props;
  },
};

const targetGroup: TypeMapping = {
  cfnType: 'AWS::ElasticLoadBalancingV2::TargetGroup',
  nameProp: 'Name',
  props: (inst) => {
    const v = inst.values;
    const props: Props = {};
    put(props, 'Name', configuredValue(inst, 'name'));
    copy(
      v,
      {
        port: 'Port',
        protocol: 'Protocol',
        vpc_id: 'VpcId',
        target_type: 'TargetType',
        protocol_version: 'ProtocolVersion',
      },
      props,
    );
    const hc = mapBlock(v.health_check, (b) => b);
    if (hc && !isUnresolved(hc)) {
      copy(
        hc,
        {
          enabled: 'HealthCheckEnabled',
          path: 'HealthCheckPath',
          port: 'HealthCheckPort',
          protocol: 'HealthCheckProtocol',
          interval: 'HealthCheckIntervalSeconds',
          timeout: 'HealthCheckTimeoutSeconds',
          healthy_threshold: 'HealthyThresholdCount',
          unhealthy_threshold: 'UnhealthyThresholdCount',
        },
        props,
      );
      if (isSet(hc.matcher)) props.Matcher = { HttpCode: hc.matcher };
    }
    if (isSet(v.deregistration_delay)) {
      props.TargetGroupAttributes = [
        { Key: 'deregistration_delay.timeout_seconds', Value: String(v.deregistration_delay) },
      ];
    }
    return props;
  },
};

/** `aws_lb_target_group_attachment` registers a target: the target group's `Targets[]`. */
const targetGroupAttachment: FoldMapping = {
  standaloneType: () => 'Terraform::aws_lb_target_group_attachment',
  targets: [{ attribute: 'target_group_arn', types: ['aws_lb_target_group', 'aws_alb_target_group'] }],
  apply: (target, inst, record) =>
    appendItems(
      target.resource.props,
      'Targets',
      [
        compact({
          Id: inst.values.target_id,
          Port: inst.values.port,
          AvailabilityZone: inst.values.availability_zone,
        }) ?? {},
      ],
      record,
    ),
};

// ---------------------------------------------------------------------------------------------------
// Auto Scaling, classic ELB

/**
 * A `launch_template_specification` block: CloudFormation's `{LaunchTemplateId | LaunchTemplateName,
 * Version}`. The provider computes the one of id and name that is not written; its unknown value is
 * left out, as a template leaves it out.
 */
function launchTemplateSpecification(s: Values): Props | undefined {
  return compact({
    LaunchTemplateId:
      isUnresolved(s.launch_template_id) && isSet(s.launch_template_name) ? undefined : s.launch_template_id,
    LaunchTemplateName:
      isUnresolved(s.launch_template_name) && isSet(s.launch_template_id)
        ? undefined
        : s.launch_template_name,
    Version: s.version,
  });
}

/** `instance_requirements` attributes whose CloudFormation names are not the plain PascalCase of Terraform's. */
const REQUIREMENT_NAMES: Readonly<Record<string, string>> = {
  accelerator_total_memory_mib: 'AcceleratorTotalMemoryMiB',
  memory_gib_per_vcpu: 'MemoryGiBPerVCpu',
  memory_mib: 'MemoryMiB',
  total_local_storage_gb: 'TotalLocalStorageGB',
  vcpu_count: 'VCpuCount',
};

/**
 * An override's `instance_requirements`: attribute-based instance type selection. Ranges are one-element
 * `{min, max}` blocks in Terraform and `{Min, Max}` objects in CloudFormation; other nested blocks
 * (`baseline_performance_factors`) are not mapped.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-autoscaling-autoscalinggroup-instancerequirements.html
 */
function instanceRequirements(r: Values): Props | undefined {
  const out: Props = {};
  for (const [key, value] of Object.entries(r)) {
    const name = REQUIREMENT_NAMES[key] ?? pascal(key);
    const isBlock = isValues(value) || (Array.isArray(value) && value.length > 0 && value.every(isValues));
    put(out, name, isBlock ? mapBlock(value, (b) => compact({ Min: b.min, Max: b.max })) : value);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * `mixed_instances_policy` → CloudFormation's `MixedInstancesPolicy`: the launch template
 * (`LaunchTemplate.LaunchTemplateSpecification`) with its `Overrides`, and `InstancesDistribution`.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/autoscaling_group#mixed_instances_policy
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-autoscaling-autoscalinggroup-mixedinstancespolicy.html
 */
function mixedInstancesPolicy(p: Values): Props | undefined {
  return compact({
    LaunchTemplate: mapBlock(p.launch_template, (t) =>
      compact({
        LaunchTemplateSpecification: mapBlock(t.launch_template_specification, launchTemplateSpecification),
        Overrides: mapBlocks(t.override, (o) =>
          compact({
            InstanceType: o.instance_type,
            WeightedCapacity: o.weighted_capacity,
            LaunchTemplateSpecification: mapBlock(
              o.launch_template_specification,
              launchTemplateSpecification,
            ),
            InstanceRequirements: mapBlock(o.instance_requirements, instanceRequirements),
          }),
        ),
      }),
    ),
    InstancesDistribution: mapBlock(p.instances_distribution, (d) =>
      compact(
        copy(d, {
          on_demand_allocation_strategy: 'OnDemandAllocationStrategy',
          on_demand_base_capacity: 'OnDemandBaseCapacity',
          on_demand_percentage_above_base_capacity: 'OnDemandPercentageAboveBaseCapacity',
          spot_allocation_strategy: 'SpotAllocationStrategy',
          spot_instance_pools: 'SpotInstancePools',
          spot_max_price: 'SpotMaxPrice',
        }),
      ),
    ),
  });
}

/** A `traffic_source` block: CloudFormation's `TrafficSources` entry `{Identifier, Type}`. */
function trafficSource(t: Values): Props | undefined {
  return compact({ Identifier: t.identifier, Type: t.type });
}

const autoScalingGroup: TypeMapping = {
  cfnType: 'AWS::AutoScaling::AutoScalingGroup',
  nameProp: 'AutoScalingGroupName',
  tags: 'none',
  props: (inst) => {
    const v = inst.values;
    const props: Props = {};
    put(props, 'AutoScalingGroupName', configuredValue(inst, 'name'));
    copy(
      v,
      {
        min_size: 'MinSize',
        max_size: 'MaxSize',
        launch_configuration: 'LaunchConfigurationName',
        health_check_type: 'HealthCheckType',
        health_check_grace_period: 'HealthCheckGracePeriod',
        termination_policies: 'TerminationPolicies',
        capacity_rebalance: 'CapacityRebalance',
        max_instance_lifetime: 'MaxInstanceLifetime',
      },
      props,
    );
    put(props, 'DesiredCapacity', configuredValue(inst, 'desired_capacity'));
    put(props, 'VPCZoneIdentifier', configuredValue(inst, 'vpc_zone_identifier'));
    put(props, 'AvailabilityZones', configuredValue(inst, 'availability_zones'));
    put(props, 'TargetGroupARNs', configuredValue(inst, 'target_group_arns'));
    put(props, 'LoadBalancerNames', configuredValue(inst, 'load_balancers'));
    put(props, 'MixedInstancesPolicy', mapBlock(v.mixed_instances_policy, mixedInstancesPolicy));
    put(props, 'TrafficSources', mapBlocks(configuredValue(inst, 'traffic_source'), trafficSource));
    put(
      props,
      'LaunchTemplate',
      mapBlock(v.launch_template, (t) =>
        compact({
          LaunchTemplateId: isUnresolved(t.id) && isSet(t.name) ? undefined : t.id,
          LaunchTemplateName: isUnresolved(t.name) && isSet(t.id) ? undefined : t.name,
          Version: t.version,
        }),
      ),
    );
    // ASG tags carry PropagateAtLaunch, so they are mapped here rather than by the generic tag handling.
    const tags: unknown[] = [];
    const blocksTags = mapBlocks(v.tag, (t) =>
      compact({ Key: t.key, Value: t.value, PropagateAtLaunch: t.propagate_at_launch }),
    );
    if (isUnresolved(blocksTags)) tags.push(blocksTags);
    else if (blocksTags) tags.push(...blocksTags);
    const listTags = mapBlocks(v.tags, (t) =>
      compact({ Key: t.key, Value: t.value, PropagateAtLaunch: t.propagate_at_launch }),
    );
    if (Array.isArray(listTags)) tags.push(...listTags);
    if (tags.length > 0) props.Tags = tags;
    return props;
  },
};

/**
 * `aws_autoscaling_policy` and `aws_autoscaling_schedule` name their group by
 * `autoscaling_group_name`, as CloudFormation's ScalingPolicy and ScheduledAction do.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/autoscaling_policy
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/autoscaling_schedule
 */
const autoScalingPolicy: TypeMapping = {
  cfnType: 'AWS::AutoScaling::ScalingPolicy',
  tags: 'none',
  props: (inst) =>
    copy(inst.values, {
      autoscaling_group_name: 'AutoScalingGroupName',
      policy_type: 'PolicyType',
      adjustment_type: 'AdjustmentType',
      scaling_adjustment: 'ScalingAdjustment',
      cooldown: 'Cooldown',
      enabled: 'Enabled',
    }),
};

const autoScalingSchedule: TypeMapping = {
  cfnType: 'AWS::AutoScaling::ScheduledAction',
  tags: 'none',
  props: (inst) =>
    copy(inst.values, {
      autoscaling_group_name: 'AutoScalingGroupName',
      min_size: 'MinSize',
      max_size: 'MaxSize',
      desired_capacity: 'DesiredCapacity',
      recurrence: 'Recurrence',
      start_time: 'StartTime',
      end_time: 'EndTime',
      time_zone: 'TimeZone',
    }),
};

/** The group an attachment names: by reference (its address) or by the name it has in the configuration. */
const ATTACHED_GROUP: FoldTargetSpec = {
  attribute: 'autoscaling_group_name',
  types: ['aws_autoscaling_group'],
  matchBy: 'name',
};

/** Appends the values not already in the group's list (a state lists attached load balancers on both). */
function attach(
  target: FoldTarget,
  property: string,
  values: readonly unknown[],
  record: (property: string, index?: number) => void,
): void {
  const existing = target.resource.props[property];
  const known = Array.isArray(existing) ? existing : [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const added = values.filter((v) => isSet(v) && !known.some((k) => same(k, v)));
  if (added.length > 0) appendItems(target.resource.props, property, added, record);
}

/**
 * `aws_autoscaling_attachment` attaches a classic load balancer (`elb`, its name) or a target group
 * (`lb_target_group_arn`; `alb_target_group_arn` before provider 5) to a group. CloudFormation has no
 * such resource: the group's `LoadBalancerNames` and `TargetGroupARNs` hold what is attached, as
 * DescribeAutoScalingGroups lists it. A value known only after apply is appended as an unknown element:
 * the group is attached to something, which is not known yet.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/autoscaling_attachment
 */
const autoScalingAttachment: FoldMapping = {
  standaloneType: () => 'Terraform::aws_autoscaling_attachment',
  targets: [ATTACHED_GROUP],
  apply: (target, inst, record) => {
    const v = inst.values;
    attach(target, 'LoadBalancerNames', [v.elb], record);
    attach(target, 'TargetGroupARNs', [v.lb_target_group_arn, v.alb_target_group_arn], record);
  },
};

/**
 * `aws_autoscaling_traffic_source_attachment` attaches one traffic source (`elb`: a classic load
 * balancer's name; `elbv2`: a target group ARN; `vpc-lattice`: a VPC Lattice target group ARN): an entry
 * of the group's `TrafficSources`, where CloudFormation declares it.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/autoscaling_traffic_source_attachment
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_TrafficSourceIdentifier.html
 */
const autoScalingTrafficSourceAttachment: FoldMapping = {
  standaloneType: () => 'Terraform::aws_autoscaling_traffic_source_attachment',
  targets: [ATTACHED_GROUP],
  apply: (target, inst, record) => {
    const sources = mapBlocks(inst.values.traffic_source, trafficSource);
    attach(target, 'TrafficSources', isUnresolved(sources) ? [sources] : (sources ?? []), record);
  },
};

const classicElb: TypeMapping = {
  cfnType: 'AWS::ElasticLoadBalancing::LoadBalancer',
  nameProp: 'LoadBalancerName',
  props: (inst) => {
    const v = inst.values;
    const props: Props = {};
    put(props, 'LoadBalancerName', configuredValue(inst, 'name'));
    if (v.internal === true) props.Scheme = 'internal';
    put(props, 'Subnets', configuredValue(inst, 'subnets'));
    put(props, 'SecurityGroups', configuredValue(inst, 'security_groups'));
    put(props, 'AvailabilityZones', configuredValue(inst, 'availability_zones'));
    put(props, 'Instances', configuredValue(inst, 'instances'));
    put(props, 'CrossZone', v.cross_zone_load_balancing);
    put(
      props,
      'Listeners',
      mapBlocks(v.listener, (l) =>
        compact({
          InstancePort: l.instance_port,
          InstanceProtocol: l.instance_protocol,
          LoadBalancerPort: l.lb_port,
          Protocol: l.lb_protocol,
          SSLCertificateId: l.ssl_certificate_id,
        }),
      ),
    );
    put(
      props,
      'AccessLoggingPolicy',
      mapBlock(v.access_logs, (a) =>
        compact({
          Enabled: a.enabled,
          S3BucketName: a.bucket,
          S3BucketPrefix: a.bucket_prefix,
          EmitInterval: a.interval,
        }),
      ),
    );
    put(
      props,
      'HealthCheck',
      mapBlock(configuredValue(inst, 'health_check'), (h) =>
        compact({
          Target: h.target,
          HealthyThreshold: h.healthy_threshold,
          UnhealthyThreshold: h.unhealthy_threshold,
          Interval: h.interval,
          Timeout: h.timeout,
        }),
      ),
    );
    if (v.connection_draining === true) {
      props.ConnectionDrainingPolicy = compact({ Enabled: true, Timeout: v.connection_draining_timeout });
    }
    return props;
  },
  // `desync_mitigation_mode` is a load balancer attribute that CloudFormation cannot set: kept where
  // describe-load-balancer-attributes puts it (`AdditionalAttributes`), so the desync rule reads one
  // place whatever the source. A mode known only after apply leaves the attributes unknown.
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/config-desync-mitigation-mode.html
  observed: (inst) => {
    const mode = inst.values.desync_mitigation_mode;
    if (isUnresolved(mode)) return { LoadBalancerAttributes: mode };
    if (typeof mode !== 'string') return undefined;
    return {
      LoadBalancerAttributes: {
        AdditionalAttributes: [{ Key: 'elb.http.desyncmitigationmode', Value: mode }],
      },
    };
  },
};

// ---------------------------------------------------------------------------------------------------
// Containers

/** ECS container definitions are JSON in the API's camelCase; CloudFormation capitalises each key. */
function containerDefinitions(value: unknown): unknown {
  const parsed = policyDocument(value);
  if (!Array.isArray(parsed)) return parsed;
  return renameKeys(parsed, (k) => (k ? k[0]?.toUpperCase() + k.slice(1) : k));
}

const taskDefinition: TypeMapping = {
  cfnType: 'AWS::ECS::TaskDefinition',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, {
      family: 'Family',
      network_mode: 'NetworkMode',
      requires_compatibilities: 'RequiresCompatibilities',
      cpu: 'Cpu',
      memory: 'Memory',
      execution_role_arn: 'ExecutionRoleArn',
      task_role_arn: 'TaskRoleArn',
      pid_mode: 'PidMode',
      ipc_mode: 'IpcMode',
    });
    put(props, 'ContainerDefinitions', containerDefinitions(v.container_definitions));
    return props;
  },
};

const ecrRepository: TypeMapping = {
  cfnType: 'AWS::ECR::Repository',
  nameProp: 'RepositoryName',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, { name: 'RepositoryName', image_tag_mutability: 'ImageTagMutability' });
    put(
      props,
      'ImageScanningConfiguration',
      mapBlock(v.image_scanning_configuration, (s) => compact({ ScanOnPush: s.scan_on_push })),
    );
    put(
      props,
      'EncryptionConfiguration',
      mapBlock(configuredValue(inst, 'encryption_configuration'), (e) =>
        compact({
          EncryptionType: e.encryption_type,
          KmsKey: isUnresolved(e.kms_key) ? undefined : e.kms_key,
        }),
      ),
    );
    return props;
  },
};

const eksCluster: TypeMapping = {
  cfnType: 'AWS::EKS::Cluster',
  nameProp: 'Name',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, { name: 'Name', role_arn: 'RoleArn' });
    put(props, 'Version', configuredValue(inst, 'version'));
    put(
      props,
      'ResourcesVpcConfig',
      mapBlock(v.vpc_config, (c) =>
        compact({
          SubnetIds: c.subnet_ids,
          SecurityGroupIds: c.security_group_ids,
          EndpointPublicAccess: c.endpoint_public_access,
          EndpointPrivateAccess: c.endpoint_private_access,
          PublicAccessCidrs: isUnresolved(c.public_access_cidrs) ? undefined : c.public_access_cidrs,
        }),
      ),
    );
    put(
      props,
      'EncryptionConfig',
      mapBlocks(v.encryption_config, (e) =>
        compact({
          Resources: e.resources,
          Provider: mapBlock(e.provider, (p) => compact({ KeyArn: p.key_arn })),
        }),
      ),
    );
    const types = strings(v.enabled_cluster_log_types);
    if (types && !isUnresolved(types))
      props.Logging = { ClusterLogging: { EnabledTypes: types.map((t) => ({ Type: t })) } };
    return props;
  },
};

export const typeMappings: Readonly<Record<string, TypeMapping>> = {
  aws_lambda_function: lambdaFunction,
  aws_lambda_permission: lambdaPermission,
  aws_lambda_function_event_invoke_config: eventInvokeConfig,
  aws_lb: loadBalancer,
  aws_alb: loadBalancer,
  aws_lb_listener: listener,
  aws_alb_listener: listener,
  aws_lb_listener_rule: listenerRule,
  aws_alb_listener_rule: listenerRule,
  aws_lb_target_group: targetGroup,
  aws_alb_target_group: targetGroup,
  aws_autoscaling_group: autoScalingGroup,
  aws_autoscaling_policy: autoScalingPolicy,
  aws_autoscaling_schedule: autoScalingSchedule,
  aws_elb: classicElb,
  aws_ecs_task_definition: taskDefinition,
  aws_ecr_repository: ecrRepository,
  aws_eks_cluster: eksCluster,
};

export const foldMappings: Readonly<Record<string, FoldMapping>> = {
  aws_lb_target_group_attachment: targetGroupAttachment,
  aws_alb_target_group_attachment: targetGroupAttachment,
  aws_autoscaling_attachment: autoScalingAttachment,
  aws_autoscaling_traffic_source_attachment: autoScalingTrafficSourceAttachment,
};
