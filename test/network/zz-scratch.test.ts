import { it } from 'vitest';
import { buildNetwork, exposure } from '../../src/network/index.js';
import { evaluateDaily } from '../../src/questions/daily.js';
import { exposureEngine } from '../../src/questions/exposure.js';
import { describeJsonSource } from '../../src/sources/describe-json/index.js';
import { corpusPath } from '../corpora.js';
it('scratch', async () => {
  const snapshot = await describeJsonSource.load(corpusPath('batfish-aws', 'test', 'aws_configs'), {});
  console.log(snapshot.coverage?.map((g) => JSON.stringify(g)).slice(0, 10));
  const m = buildNetwork(snapshot);
  const a = exposure(m);
  console.log(JSON.stringify(a.shielded.slice(0, 2).map((s) => [s.component.id, s.explanations.map((e) => e.code), s.notes])));
  const ev = evaluateDaily(snapshot, { suppressions: [], params: {} }, [exposureEngine()]);
  const c: Record<string, number> = {};
  for (const f of ev.findings) c[f.status] = (c[f.status] ?? 0) + 1;
  console.log(c, ev.findings.slice(0, 3).map((f) => f.reason));
});
