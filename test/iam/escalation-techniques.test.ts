import { describe, expect, it } from 'vitest';
import { actionExists } from '../../src/iam/catalog.js';
import { ESCALATION_TECHNIQUES } from '../../src/iam/escalation-techniques.js';
import { corporaPresent } from '../corpora.js';
import { loadPrivescPaths } from './privesc-corpus.js';

describe('escalation technique declarations', () => {
  it('have unique ids and name only actions the catalogue knows', () => {
    const ids = ESCALATION_TECHNIQUES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    const unknown = ESCALATION_TECHNIQUES.flatMap((t) => t.permissions.map((p) => p.action)).filter(
      (a) => !actionExists(a),
    );
    expect(unknown).toEqual([]);
  });

  it('pass-role permissions appear only where a role is handed to a service', () => {
    for (const t of ESCALATION_TECHNIQUES) {
      const passes = t.permissions.some((p) => p.on === 'pass-role');
      expect(passes, t.id).toBe(t.permissions.some((p) => p.action === 'iam:PassRole'));
    }
  });
});

describe.skipIf(!corporaPresent)('every privilege-escalation path of the corpus', () => {
  const paths = loadPrivescPaths();

  it('maps to a technique (fails listing any unmapped path)', () => {
    expect(paths.length).toBe(65);
    const known = new Set(ESCALATION_TECHNIQUES.map((t) => t.id));
    const unmapped = paths.filter((p) => !known.has(p.id)).map((p) => `${p.id} (${p.file})`);
    expect(unmapped).toEqual([]);
    const corpusIds = new Set(paths.map((p) => p.id));
    expect(ESCALATION_TECHNIQUES.filter((t) => !corpusIds.has(t.id)).map((t) => t.id)).toEqual([]);
  });

  it('requires exactly the permissions the path lists, in the same category', () => {
    const byId = new Map(ESCALATION_TECHNIQUES.map((t) => [t.id, t]));
    const mismatches: string[] = [];
    for (const p of paths) {
      const t = byId.get(p.id);
      if (!t) continue;
      const ours = [...new Set(t.permissions.map((x) => x.action.toLowerCase()))].sort();
      const theirs = [...new Set(p.required.map((x) => x.toLowerCase()))].sort();
      if (ours.join() !== theirs.join())
        mismatches.push(`${p.id}: ours ${ours.join(',')} vs ${theirs.join(',')}`);
      if (t.category !== p.category) mismatches.push(`${p.id}: category ${t.category} vs ${p.category}`);
    }
    expect(mismatches).toEqual([]);
  });
});
