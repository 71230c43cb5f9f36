/**
 * Reserved concurrency of live functions, read per function with GetFunctionConcurrency through the
 * real SDK against the local endpoint (ListFunctions does not return it), and the rule run on it.
 */
import { describe, expect, it } from 'vitest';
import { isUnresolved, type Snapshot } from '../../../../model/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { runRules } from '../../../../engine/index.js';
import reserved from '../../../../rules/lambda/lambda-function-reserved-concurrency-set.js';
import { functions } from './functions.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [functions],
  now: NOW,
});

const statuses = (snapshot: Snapshot) =>
  Object.fromEntries(
    runRules(snapshot, { rules: [reserved], now: NOW }).findings.map((f) => [f.resource.id, f.status]),
  );

describe('lambda/functions reserved concurrency', () => {
  it('reads each function’s reservation; an empty answer means none', async () => {
    const { snapshot } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const byName = (n: string) => snapshot.resources.find((r) => r.id === n)!;
    expect(byName('thumbnailer').props.ReservedConcurrentExecutions).toBe(20);
    expect(byName('nightly-report').props.ReservedConcurrentExecutions).toBeUndefined();
    expect(statuses(snapshot)).toEqual({ thumbnailer: 'pass', 'nightly-report': 'fail' });
  });

  it('a denied GetFunctionConcurrency leaves the reservation unknown, and the rule errs', async () => {
    const { snapshot } = await collect({ deny: ['lambda:GetFunctionConcurrency'] });
    expect(snapshot.coverage.map((g) => g.kind)).toContain('access-denied');
    const thumbnailer = snapshot.resources.find((r) => r.id === 'thumbnailer')!;
    expect(isUnresolved(thumbnailer.props.ReservedConcurrentExecutions)).toBe(true);
    expect(statuses(snapshot)).toEqual({ thumbnailer: 'error', 'nightly-report': 'error' });
  });
});
