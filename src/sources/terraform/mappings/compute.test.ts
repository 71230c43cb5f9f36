import { describe, expect, it } from 'vitest';
import { runRules } from '../../../engine/index.js';
import type { Snapshot } from '../../../model/index.js';
import desync from '../../../rules/elb/elb-load-balancer-desync-mitigation-defensive.js';
import { loadPlan, makePlan, type PlanResource } from '../fixtures/make-plan.js';

/** Resource id → status of the desync rule on the snapshot. */
function statuses(s: Snapshot): Record<string, string> {
  return Object.fromEntries(runRules(s, { rules: [desync] }).findings.map((f) => [f.resource.id, f.status]));
}

const elb = (address: string, extra: Record<string, unknown> = {}): PlanResource => ({
  address,
  after: {
    name: address.split('.')[1],
    availability_zones: ['eu-west-1a', 'eu-west-1b'],
    listener: [{ instance_port: 80, instance_protocol: 'http', lb_port: 80, lb_protocol: 'http' }],
    ...extra,
  },
});

describe('aws_elb desync_mitigation_mode', () => {
  it('is judged as the live attribute is: monitor fails, defensive and the default pass', () => {
    const s = loadPlan(
      makePlan(
        [
          elb('aws_elb.monitor', { desync_mitigation_mode: 'monitor' }),
          elb('aws_elb.strictest', { desync_mitigation_mode: 'strictest' }),
          elb('aws_elb.unset'),
        ],
        { region: 'eu-west-1' },
      ),
    );
    expect(statuses(s)).toEqual({
      'aws_elb.monitor': 'fail',
      'aws_elb.strictest': 'pass',
      'aws_elb.unset': 'pass',
    });
  });

  it('leaves a mode known only after apply unknown', () => {
    const base = elb('aws_elb.computed');
    const computed = {
      ...base,
      unknown: { desync_mitigation_mode: true },
      // The configuration sets it from another resource's attribute, known only after apply.
      expressions: {
        ...Object.fromEntries(Object.entries(base.after ?? {}).map(([k, v]) => [k, { constant_value: v }])),
        desync_mitigation_mode: { references: ['aws_ssm_parameter.mode.value', 'aws_ssm_parameter.mode'] },
      },
    };
    const s = loadPlan(makePlan([computed], { region: 'eu-west-1' }));
    const [finding] = runRules(s, { rules: [desync] }).findings;
    expect(finding).toMatchObject({ status: 'error' });
    expect(finding?.reason).toMatch(/LoadBalancerAttributes.*known after apply/);
  });
});
