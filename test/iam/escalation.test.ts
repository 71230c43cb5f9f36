import { describe, expect, it } from 'vitest';
import { findEscalations, findEscalationsWithCoverage } from '../../src/iam/escalation.js';
import { ESCALATION_TECHNIQUES, type EscalationTechnique } from '../../src/iam/escalation-techniques.js';
import { buildIamModel } from '../../src/iam/index.js';
import { corporaPresent } from '../corpora.js';
import { attackerArn, fixtureFor, type Block } from './escalation-fixtures.js';
import { loadPrivescPaths } from './privesc-corpus.js';

function detect(t: EscalationTechnique, block: Block = { kind: 'none' }) {
  const snapshot = fixtureFor(t, block);
  const model = buildIamModel(snapshot);
  return findEscalations(model, { snapshot, techniques: [t.id] }).filter(
    (p) => p.principal.arn === attackerArn(t) && p.technique === t.id,
  );
}

const paths = corporaPresent ? loadPrivescPaths() : [];
const byId = new Map(ESCALATION_TECHNIQUES.map((t) => [t.id, t]));

describe.skipIf(!corporaPresent)('privilege-escalation paths of the corpus', () => {
  it.each(paths.map((p) => [p.id, p.name] as const))(
    '%s (%s): detected with exactly the required permissions',
    (id) => {
      const t = byId.get(id);
      expect(t, `no technique for ${id}`).toBeDefined();
      const found = detect(t!);
      expect(found.map((p) => p.outcome)).toContain('admin');
      const path = found.find((p) => p.outcome === 'admin')!;
      // Every required permission is on the path with the statement that grants it.
      expect(new Set(path.steps.map((s) => s.action))).toEqual(new Set(t!.permissions.map((p) => p.action)));
      for (const step of path.steps) expect(step.statements.length, step.action).toBeGreaterThan(0);
    },
  );

  it.each(paths.map((p) => [p.id] as const))(
    '%s: an explicit deny of any required action blocks it',
    (id) => {
      const t = byId.get(id)!;
      for (const action of new Set(t.permissions.map((p) => p.action))) {
        expect(detect(t, { kind: 'deny', action }), `deny ${action}`).toEqual([]);
      }
    },
  );

  it.each(paths.map((p) => [p.id] as const))(
    '%s: a permissions boundary without a required action blocks it',
    (id) => {
      const t = byId.get(id)!;
      const action = t.permissions[t.permissions.length - 1]!.action;
      expect(detect(t, { kind: 'boundary', action })).toEqual([]);
    },
  );

  it.each(paths.map((p) => [p.id] as const))('%s: an SCP denying a required action blocks it', (id) => {
    const t = byId.get(id)!;
    const action = t.permissions[0]!.action;
    expect(detect(t, { kind: 'scp', action })).toEqual([]);
  });
});

describe('findEscalations', () => {
  it('does not report administrators, and says which techniques need the snapshot', () => {
    const t = byId.get('lambda-003')!;
    const snapshot = fixtureFor(t);
    const model = buildIamModel(snapshot);
    const withoutSnapshot = findEscalationsWithCoverage(model);
    expect(withoutSnapshot.notEvaluated.map((n) => n.technique)).toContain('lambda-003');
    expect(withoutSnapshot.paths.filter((p) => p.technique === 'lambda-003')).toEqual([]);
    const full = findEscalationsWithCoverage(model, { snapshot });
    expect(full.admins).toContain('arn:aws:iam::111122223333:role/workload-role');
    expect(full.paths.some((p) => p.principal.arn === 'arn:aws:iam::111122223333:role/workload-role')).toBe(
      false,
    );
  });

  it('names the role the principal becomes', () => {
    const t = byId.get('lambda-001')!;
    const [path] = detect(t);
    expect(path?.becomes).toBe('arn:aws:iam::111122223333:role/service-admin');
    expect(path?.steps.find((s) => s.action === 'iam:PassRole')?.context).toEqual({
      'iam:PassedToService': 'lambda.amazonaws.com',
    });
  });
});

describe('iam escalation on the demo organisation', () => {
  it('returns a document that matches its schema, with ci-deployer among the administrators', async () => {
    const { loadSource } = await import('../../src/sources/index.js');
    const { escalationAnswer, escalationAnswerSchema } = await import('../../src/iam/escalation.js');
    const snapshot = await loadSource('demo');
    const answer = escalationAnswerSchema.parse(escalationAnswer(buildIamModel(snapshot), snapshot));
    expect(answer.admins.some((a) => a.endsWith(':user/ci-deployer'))).toBe(true);
    expect(answer.notEvaluated).toEqual([]);
    for (const p of answer.paths) {
      expect(p.steps.length).toBeGreaterThan(0);
      for (const s of p.steps) expect(s.statements.length).toBeGreaterThan(0);
    }
  });
});
