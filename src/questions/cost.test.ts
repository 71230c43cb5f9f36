import { describe, expect, it } from 'vitest';
import { buildDemoOrganisation, demoCurLineItems, DEMO_ANOMALY } from '../sources/demo/index.js';
import { aggregateCur } from '../store/cur/index.js';
import { cost, costWaste } from './cost.js';

const NO_CONFIG = { suppressions: [], params: {} };

describe('cost on the demo organisation', () => {
  const snapshot = buildDemoOrganisation();
  const waste = costWaste(snapshot, NO_CONFIG);
  const item = (ruleId: string, name: string) =>
    waste.items.find((i) => i.ruleId === ruleId && (i.resource.name === name || i.resource.id === name));

  it('prices every waste problem of the demo with $/month, date and region', () => {
    console.log(waste.items.map((i) => `${i.ruleId} ${i.resource.name ?? i.resource.id} ${i.monthly} ${i.basis} ${i.note ?? ''}`).join('\n'));
    console.log(waste.monthlyTotal);
    expect(item('ec2-eip-associated', 'old-ftp-eip')?.monthly).toBe(3.65);
  });

  it('reads the demo CUR', async () => {
    const cur = await aggregateCur({ rows: demoCurLineItems(), label: 'demo' });
    const answer = cost({ snapshot, config: NO_CONFIG, cur });
    console.log(JSON.stringify(answer.spend?.anomalies.anomalies, null, 1));
    console.log(JSON.stringify({ ...answer.spend?.savingsPlan, curve: undefined }, null, 1));
    console.log(JSON.stringify(answer.spend?.reservedInstances.map((r) => ({ ...r, curve: undefined })), null, 1));
    expect(answer.spend?.anomalies.anomalies[0]?.day).toBe(DEMO_ANOMALY.day);
  });
});
