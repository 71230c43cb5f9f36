/**
 * Public on-demand list prices (USD, us-east-1) that the cost rules use as parameter defaults, so a
 * finding can say what the waste costs. Other regions and negotiated rates differ: every price is
 * a rule parameter a user can override in `.cloudrounds.yaml`. Not a rule.
 */

/**
 * EBS storage per GB-month by volume type. https://aws.amazon.com/ebs/pricing/
 */
export const EBS_GB_MONTH: Readonly<Record<string, number>> = {
  gp3: 0.08,
  gp2: 0.1,
  io1: 0.125,
  io2: 0.125,
  st1: 0.045,
  sc1: 0.015,
  standard: 0.05,
};

/** gp3 above its free baseline: per provisioned IOPS-month over 3,000 and per MiB/s-month over 125. */
export const GP3_IOPS_MONTH = 0.005;
export const GP3_THROUGHPUT_MONTH = 0.04;

/** EBS snapshot storage per GB-month (standard tier). https://aws.amazon.com/ebs/pricing/ */
export const SNAPSHOT_GB_MONTH = 0.05;

/** A public IPv4 address (Elastic IP included), per hour. https://aws.amazon.com/vpc/pricing/ */
export const PUBLIC_IPV4_HOUR = 0.005;

/** A NAT gateway, per hour (data processing is extra). https://aws.amazon.com/vpc/pricing/ */
export const NAT_GATEWAY_HOUR = 0.045;

/**
 * A load balancer, per hour before capacity units, by type.
 * https://aws.amazon.com/elasticloadbalancing/pricing/
 */
export const LOAD_BALANCER_HOUR: Readonly<Record<string, number>> = {
  application: 0.0225,
  network: 0.0225,
  gateway: 0.0125,
  classic: 0.025,
};
