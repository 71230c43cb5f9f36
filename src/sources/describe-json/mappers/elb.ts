import { unresolved } from '../../../model/index.js';
import type { Item } from '../builder.js';
import {
  bool,
  compact,
  num,
  obj,
  objects,
  parseArn,
  str,
  stringList,
  strings,
  type Json,
} from '../values.js';
import { requireId, type Mapper } from './common.js';

/** Account and region of an ELB ARN, for the builder. */
function fromArn(arn: string | undefined): { owner?: string; region?: string } {
  const parts = parseArn(arn);
  return { owner: parts?.account || undefined, region: parts?.region || undefined };
}

/** `{Key, Value}` attribute lists, as both the API and CloudFormation write them. */
function attributes(list: unknown): Json[] | undefined {
  const out = objects(list).map((a) => ({ Key: str(a.Key) ?? '', Value: str(a.Value) ?? '' }));
  return out.length > 0 ? out : undefined;
}

/** `elbv2 describe-load-balancers` (+ attributes) → `AWS::ElasticLoadBalancingV2::LoadBalancer` (id = ARN). */
const mapLoadBalancers: Mapper = (input, builder) => {
  const attributesByArn = new Map<string, unknown>();
  for (const item of input.items('LoadBalancerAttributes')) {
    const arn = str(item.value.LoadBalancerArn);
    if (arn) attributesByArn.set(arn, item.value.Attributes);
  }
  for (const item of input.items('LoadBalancers')) {
    const v = item.value;
    const arn = requireId(builder, item, 'LoadBalancerArn', 'load balancer');
    if (!arn) continue;
    const zones = objects(v.AvailabilityZones);
    // An NLB with Elastic IPs or fixed private IPs is declared with SubnetMappings instead of Subnets.
    const mapped = zones.some((z) =>
      objects(z.LoadBalancerAddresses).some((a) => a.AllocationId || a.PrivateIPv4Address),
    );
    builder.add({
      type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      id: arn,
      item,
      arn,
      name: str(v.LoadBalancerName),
      tags: v.Tags,
      ...fromArn(arn),
      props: compact({
        Name: str(v.LoadBalancerName),
        Type: str(v.Type),
        Scheme: str(v.Scheme),
        IpAddressType: str(v.IpAddressType),
        Subnets: mapped ? undefined : stringList(zones.map((z) => z.SubnetId)),
        SubnetMappings: mapped
          ? zones.map((z) => {
              const address = objects(z.LoadBalancerAddresses)[0] ?? {};
              return compact({
                SubnetId: str(z.SubnetId),
                AllocationId: str(address.AllocationId),
                PrivateIPv4Address: str(address.PrivateIPv4Address),
                IPv6Address: str(address.IPv6Address),
              });
            })
          : undefined,
        SecurityGroups: stringList(v.SecurityGroups),
        CustomerOwnedIpv4Pool: str(v.CustomerOwnedIpv4Pool),
        LoadBalancerAttributes: attributes(attributesByArn.get(arn)),
      }),
      observed: compact({
        State: str(obj(v.State)?.Code),
        StateReason: str(obj(v.State)?.Reason),
        DNSName: str(v.DNSName),
        CanonicalHostedZoneId: str(v.CanonicalHostedZoneId),
        VpcId: str(v.VpcId),
        AvailabilityZones: zones.map((z) =>
          compact({
            ZoneName: str(z.ZoneName),
            SubnetId: str(z.SubnetId),
            LoadBalancerAddresses: objects(z.LoadBalancerAddresses).length
              ? objects(z.LoadBalancerAddresses)
              : undefined,
          }),
        ),
        CreatedTime: str(v.CreatedTime),
      }),
    });
  }
};

/** The target group a bare `describe-target-health` output belongs to: the longest target group name in its path. */
function targetGroupByPath(item: Item, groups: Array<{ arn: string; name: string }>): string | undefined {
  const path = item.doc.file.rel;
  const matches = groups.filter((g) => g.name && path.includes(g.name));
  matches.sort((a, b) => b.name.length - a.name.length);
  return matches[0]?.arn;
}

/**
 * `elbv2 describe-target-groups` (+ target health) → `AWS::ElasticLoadBalancingV2::TargetGroup`.
 * Registered targets become `Targets` (a template declares them there); their health goes to
 * `observed.TargetHealth`. Without target health output the targets are unresolved.
 */
const mapTargetGroups: Mapper = (input, builder) => {
  const groups = input.items('TargetGroups').map((item) => ({
    arn: str(item.value.TargetGroupArn) ?? '',
    name: str(item.value.TargetGroupName) ?? '',
  }));
  const health = new Map<string, Json[]>();
  for (const item of input.items('LoadBalancerTargetHealth')) {
    const arn = str(item.value.TargetGroupArn);
    if (arn) health.set(arn, [...(health.get(arn) ?? []), ...objects(item.value.TargetHealthDescriptions)]);
  }
  for (const item of input.items('TargetHealthDescriptions')) {
    const arn = targetGroupByPath(item, groups);
    if (!arn) {
      builder.gap({
        kind: 'skipped-file',
        message: `${item.doc.file.rel}: describe-target-health output names no target group; name the file after the target group (e.g. target-health/<target-group-name>.json)`,
        file: item.doc.file.rel,
      });
      continue;
    }
    health.set(arn, [...(health.get(arn) ?? []), ...objects(item.value.TargetHealthDescriptions)]);
  }
  for (const item of input.items('TargetGroups')) {
    const v = item.value;
    const arn = requireId(builder, item, 'TargetGroupArn', 'target group');
    if (!arn) continue;
    const matcher = obj(v.Matcher);
    const targets = health.get(arn);
    builder.add({
      type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      id: arn,
      item,
      arn,
      name: str(v.TargetGroupName),
      tags: v.Tags,
      ...fromArn(arn),
      props: compact({
        Name: str(v.TargetGroupName),
        TargetType: str(v.TargetType),
        Protocol: str(v.Protocol),
        ProtocolVersion: str(v.ProtocolVersion),
        Port: num(v.Port),
        VpcId: str(v.VpcId),
        IpAddressType: str(v.IpAddressType),
        HealthCheckEnabled: bool(v.HealthCheckEnabled),
        HealthCheckProtocol: str(v.HealthCheckProtocol),
        HealthCheckPort: str(v.HealthCheckPort),
        HealthCheckPath: str(v.HealthCheckPath),
        HealthCheckIntervalSeconds: num(v.HealthCheckIntervalSeconds),
        HealthCheckTimeoutSeconds: num(v.HealthCheckTimeoutSeconds),
        HealthyThresholdCount: num(v.HealthyThresholdCount),
        UnhealthyThresholdCount: num(v.UnhealthyThresholdCount),
        Matcher: matcher
          ? compact({ HttpCode: str(matcher.HttpCode), GrpcCode: str(matcher.GrpcCode) })
          : undefined,
        Targets: targets
          ? targets.map((t) => {
              const target = obj(t.Target) ?? {};
              return compact({
                Id: str(target.Id),
                Port: num(target.Port),
                AvailabilityZone: str(target.AvailabilityZone),
              });
            })
          : unresolved('elbv2 describe-target-health', 'the registered targets are not in the input'),
      }),
      observed: compact({
        LoadBalancerArns: stringList(v.LoadBalancerArns),
        TargetHealth: targets?.map((t) => {
          const target = obj(t.Target) ?? {};
          const state = obj(t.TargetHealth) ?? {};
          return compact({
            Id: str(target.Id),
            Port: num(target.Port),
            State: str(state.State),
            Reason: str(state.Reason),
            Description: str(state.Description),
            HealthCheckPort: str(t.HealthCheckPort),
          });
        }),
      }),
    });
  }
};

/** `elbv2 describe-listeners` → `AWS::ElasticLoadBalancingV2::Listener` (id = ARN). */
const mapListeners: Mapper = (input, builder) => {
  for (const item of input.items('Listeners')) {
    const v = item.value;
    const arn = requireId(builder, item, 'ListenerArn', 'listener');
    if (!arn) continue;
    builder.add({
      type: 'AWS::ElasticLoadBalancingV2::Listener',
      id: arn,
      item,
      arn,
      ...fromArn(arn),
      props: compact({
        LoadBalancerArn: str(v.LoadBalancerArn),
        Port: num(v.Port),
        Protocol: str(v.Protocol),
        SslPolicy: str(v.SslPolicy),
        Certificates: objects(v.Certificates).length
          ? objects(v.Certificates).map((c) => compact({ CertificateArn: str(c.CertificateArn) }))
          : undefined,
        AlpnPolicy: stringList(v.AlpnPolicy),
        DefaultActions: objects(v.DefaultActions),
        MutualAuthentication: obj(v.MutualAuthentication),
      }),
    });
  }
};

/** `elbv2 describe-rules` → `AWS::ElasticLoadBalancingV2::ListenerRule`; the default rule mirrors the listener's DefaultActions. */
const mapListenerRules: Mapper = (input, builder) => {
  for (const item of input.items('Rules')) {
    const v = item.value;
    const arn = str(v.RuleArn);
    if (!arn) continue;
    if (v.IsDefault === true) continue;
    // arn:…:listener-rule/app/<lb>/<lb-id>/<listener-id>/<rule-id> → arn:…:listener/app/<lb>/<lb-id>/<listener-id>
    const listener = arn.replace(':listener-rule/', ':listener/').replace(/\/[^/]+$/, '');
    builder.add({
      type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      id: arn,
      item,
      arn,
      ...fromArn(arn),
      props: compact({
        ListenerArn: listener,
        Priority: num(v.Priority),
        Conditions: objects(v.Conditions),
        Actions: objects(v.Actions),
      }),
    });
  }
};

/** Classic `elb describe-load-balancers` → `AWS::ElasticLoadBalancing::LoadBalancer` (id = name). */
const mapClassicLoadBalancers: Mapper = (input, builder) => {
  for (const item of input.items('LoadBalancerDescriptions')) {
    const v = item.value;
    const name = requireId(builder, item, 'LoadBalancerName', 'classic load balancer');
    if (!name) continue;
    const health = obj(v.HealthCheck);
    builder.add({
      type: 'AWS::ElasticLoadBalancing::LoadBalancer',
      id: name,
      item,
      name,
      props: compact({
        LoadBalancerName: name,
        Scheme: str(v.Scheme),
        Subnets: stringList(v.Subnets),
        SecurityGroups: stringList(v.SecurityGroups),
        AvailabilityZones: stringList(v.AvailabilityZones),
        Instances: stringList(objects(v.Instances).map((i) => i.InstanceId)),
        // CloudFormation types ports and health check numbers as strings.
        Listeners: objects(v.ListenerDescriptions).map((d) => {
          const l = obj(d.Listener) ?? {};
          return compact({
            Protocol: str(l.Protocol),
            LoadBalancerPort:
              num(l.LoadBalancerPort) === undefined ? undefined : String(num(l.LoadBalancerPort)),
            InstanceProtocol: str(l.InstanceProtocol),
            InstancePort: num(l.InstancePort) === undefined ? undefined : String(num(l.InstancePort)),
            SSLCertificateId: str(l.SSLCertificateId),
            PolicyNames: stringList(d.PolicyNames),
          });
        }),
        HealthCheck: health
          ? compact({
              Target: str(health.Target),
              Interval: health.Interval === undefined ? undefined : String(health.Interval),
              Timeout: health.Timeout === undefined ? undefined : String(health.Timeout),
              HealthyThreshold:
                health.HealthyThreshold === undefined ? undefined : String(health.HealthyThreshold),
              UnhealthyThreshold:
                health.UnhealthyThreshold === undefined ? undefined : String(health.UnhealthyThreshold),
            })
          : undefined,
      }),
      observed: compact({
        // The zones the load balancer has nodes in, as the API reports them (in a VPC, those of its
        // subnets): what it spans, without looking its subnets up.
        AvailabilityZones: stringList(v.AvailabilityZones),
        DNSName: str(v.DNSName),
        VPCId: str(v.VPCId),
        CreatedTime: str(v.CreatedTime),
        SourceSecurityGroup: obj(v.SourceSecurityGroup),
        BackendServerDescriptions: objects(v.BackendServerDescriptions).length
          ? objects(v.BackendServerDescriptions)
          : undefined,
        PolicyNames: strings(obj(v.Policies)?.OtherPolicies).length ? obj(v.Policies) : undefined,
      }),
    });
  }
};

/** Load balancers, target groups, listeners and rules of ELBv2, and classic load balancers. */
export const mapLoadBalancing: Mapper = (input, builder) => {
  mapLoadBalancers(input, builder);
  mapTargetGroups(input, builder);
  mapListeners(input, builder);
  mapListenerRules(input, builder);
  mapClassicLoadBalancers(input, builder);
};
