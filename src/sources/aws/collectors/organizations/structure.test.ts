/**
 * The Organizations collector driven through the real SDK against the local endpoint with recorded
 * responses (the recorded account is the management account; `recorded/` adds a guardrail SCP on
 * the root), and the Organizations rules run on what it collected.
 */
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../../model/index.js';
import type { Faults } from '../../../../../test/aws-endpoint/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { structure } from './structure.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collectRecorded = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [structure],
  now: NOW,
});

async function collect(faults: Faults = {}): Promise<Snapshot> {
  return (await collectRecorded(faults)).snapshot;
}

const RULES = ['organizations-organization-custom-scp-attached', 'organizations-ou-guardrail-scp-attached'];

/** Rule id → resource id → status, and the findings. */
function run(snapshot: Snapshot) {
  return statusesByRule(snapshot, RULES, NOW);
}

describe('organizations/structure', () => {
  it('keeps the names of the policy types enabled on the root, which the SCP rules read', async () => {
    const snapshot = await collect();
    expect(snapshot.coverage).toEqual([]);
    const org = snapshot.resources.find((r) => r.type === 'AWS::Organizations::Organization')!;
    expect(org.observed?.EnabledPolicyTypes).toEqual(['SERVICE_CONTROL_POLICY']);
    const { statuses } = run(snapshot);
    expect(statuses).toEqual({
      'organizations-organization-custom-scp-attached': { 'o-exampleorg1': 'pass' },
      'organizations-ou-guardrail-scp-attached': { 'ou-ab12-prod1234': 'pass' },
    });
  });

  it('marks the SCPs unread when a policy cannot be read, and the SCP rules give errors, not failures', async () => {
    const snapshot = await collect({ deny: ['organizations:DescribePolicy'] });
    expect(snapshot.coverage.filter((g) => g.kind === 'access-denied')).toHaveLength(1);
    const org = snapshot.resources.find((r) => r.type === 'AWS::Organizations::Organization')!;
    expect(org.observed?.PoliciesCollected).toBe(false);
    const { statuses, findings } = run(snapshot);
    expect(statuses).toEqual({
      'organizations-organization-custom-scp-attached': { 'o-exampleorg1': 'error' },
      'organizations-ou-guardrail-scp-attached': { 'ou-ab12-prod1234': 'error' },
    });
    expect(findings.map((f) => f.reason)).toEqual([
      expect.stringContaining('the SCPs of the organisation were not read'),
      expect.stringContaining('the SCPs of the organisation were not read'),
    ]);
  });
});
