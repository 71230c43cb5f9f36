import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-instance-cpu-credits-available.js';

const balance = (values: number[]) => ({
  CPUCreditBalance: {
    Namespace: 'AWS/EC2',
    Statistic: 'Minimum',
    Unit: 'Count',
    PeriodSeconds: 86400,
    Values: values,
  },
});
const t = (id: string, type: string, values: number[] | undefined, credits?: string) =>
  resource(
    'AWS::EC2::Instance',
    id,
    { InstanceType: type, ...(credits ? { CreditSpecification: { CPUCredits: credits } } : {}) },
    {
      observed: { State: 'running', ...(values ? { Metrics: balance(values) } : {}) },
    },
  );

describe('ec2-instance-cpu-credits-available', () => {
  it('fails a standard-mode instance whose balance has run out', () => {
    const findings = expectResources(rule, [
      t('FailT2Exhausted', 't2.medium', [96, 55, 21, 9, 2, 0, 0, 0, 0, 0]),
      t('PassT3StandardWithCredits', 't3.micro', [140, 138, 141], 'standard'),
      t('NotApplicableT3DefaultUnlimited', 't3.micro', [0, 0, 0]),
      t('NotApplicableM5', 'm5.large', [0]),
      t('NotApplicableNoMetric', 't2.micro', undefined),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailT2Exhausted')?.reason).toContain(
      'for the last 5 days (CPUCreditBalance 0)',
    );
  });

  it('takes the run length from its parameters', () => {
    expectResources(rule, [t('PassOnlyTwoDaysAtZero', 't2.small', [50, 10, 0, 0])], {
      params: { exhaustedDays: 3 },
    });
  });
});
