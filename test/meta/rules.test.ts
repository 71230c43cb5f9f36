/**
 * Checks over the whole rule catalogue (STYLE conventions 1, 5, 6 and 10): the registry lists
 * exactly the rule files on disk, ids and titles follow the conventions, every rule has a test,
 * resource types and control ids exist, and the generated docs are current.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { renderRuleDocs } from '../../src/engine/rule-docs.js';
import { FRAMEWORKS, lookupControl } from '../../src/frameworks/index.js';
import { MODEL_ONLY_RESOURCE_TYPES } from '../../src/model/index.js';
import { allRules } from '../../src/rules/index.js';
import { CATEGORIES, SEVERITIES, type AnyRule } from '../../src/rules/rule.js';
import { projectRoot } from '../corpora.js';

const rulesDir = join(projectRoot, 'src', 'rules');
const docsDir = join(projectRoot, 'docs', 'rules');
const services = readdirSync(rulesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function isRule(value: unknown): value is AnyRule {
  return typeof value === 'object' && value !== null && 'evaluate' in value && 'resourceTypes' in value;
}

function sourceFiles(service: string): string[] {
  return readdirSync(join(rulesDir, service)).filter(
    // Fix declarations (`<rule-id>.fix.ts`) sit beside their rule; src/change/catalogue.test.ts checks them.
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.fix.ts') && f !== 'index.ts',
  );
}

async function load(service: string, file: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(join(rulesDir, service, file)).href)) as Record<string, unknown>;
}

/**
 * The CloudFormation type list: generated from cfn-lint's provider schemas (all regions) by
 * scripts/generate-cloudformation-types.mjs. A type passes when it is in that list or is one of
 * the model-only types; the list is only as current as the cfn-lint release it came from.
 */
const cloudFormationTypes = new Set(
  readFileSync(join(projectRoot, 'src', 'frameworks', 'cloudformation-types.txt'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#')),
);
const TYPE_FORMAT = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;

describe('rule registry', () => {
  it('has rules', () => {
    expect(allRules.length).toBeGreaterThan(0);
  });

  it('lists every service folder in src/rules/index.ts', async () => {
    const fromFolders: AnyRule[] = [];
    for (const service of services) {
      expect(existsSync(join(rulesDir, service, 'index.ts')), `${service}/index.ts`).toBe(true);
      const registry = Object.values(await load(service, 'index.ts')).find(Array.isArray) as AnyRule[];
      expect(registry, `${service}/index.ts exports its list of rules`).toBeDefined();
      fromFolders.push(...registry);
    }
    expect(new Set(allRules)).toEqual(new Set(fromFolders));
    expect(allRules.length).toBe(fromFolders.length);
  });

  it.each(services)(
    '%s: rule files on disk equal its index.ts, one rule per file, id = file name',
    async (service) => {
      const registry = Object.values(await load(service, 'index.ts')).find(Array.isArray) as AnyRule[];
      const onDisk: AnyRule[] = [];
      const problems: string[] = [];
      for (const file of sourceFiles(service)) {
        const exported = Object.entries(await load(service, file)).filter(([, v]) => isRule(v));
        const isRuleFile = file.startsWith(`${service}-`);
        if (!isRuleFile) {
          if (exported.length)
            problems.push(`${file}: helper files (not named ${service}-*) must not export rules`);
          continue;
        }
        const [name, rule] = exported[0] ?? [];
        if (exported.length !== 1 || name !== 'default')
          problems.push(`${file}: export exactly one rule, as default`);
        if (!isRule(rule)) continue;
        if (rule.id !== file.replace(/\.ts$/, ''))
          problems.push(`${file}: id ${rule.id} differs from the file name`);
        onDisk.push(rule);
      }
      expect(problems).toEqual([]);
      expect(registry.map((r) => r.id).sort()).toEqual(onDisk.map((r) => r.id).sort());
      expect(new Set(registry)).toEqual(new Set(onDisk));
    },
  );

  it('has unique ids', () => {
    const ids = allRules.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

describe.each(allRules.map((r) => [r.id, r] as const))('rule %s', (id, rule) => {
  const service = id.slice(0, id.indexOf('-'));

  it('has an id of the form <service>-<resource>-<good-state>, in its service folder', () => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+){2,}$/);
    expect(existsSync(join(rulesDir, service, `${id}.ts`)), `src/rules/${service}/${id}.ts`).toBe(true);
  });

  it('has a test beside it that uses the fixture harness', () => {
    const test = join(rulesDir, service, `${id}.test.ts`);
    expect(existsSync(test), `src/rules/${service}/${id}.test.ts`).toBe(true);
    expect(readFileSync(test, 'utf8')).toMatch(/expectFixture|expectResources/);
  });

  it('has a title that states the good state', () => {
    expect(rule.title).not.toMatch(/^ensure\b/i);
    expect(rule.title).toMatch(/^[A-Z0-9].*[^.]$/);
    expect(rule.title.length).toBeLessThanOrEqual(90);
  });

  it('has metadata in the closed sets, a rationale and a remediation', () => {
    expect(CATEGORIES).toContain(rule.category);
    expect(SEVERITIES).toContain(rule.severity);
    expect(rule.rationale.trim().length).toBeGreaterThan(40);
    expect(rule.remediation.text.trim().length).toBeGreaterThan(10);
    for (const url of rule.references ?? []) expect(url).toMatch(/^https:\/\//);
  });

  it('evaluates real CloudFormation types (or model-only types)', () => {
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
    for (const type of rule.resourceTypes) {
      expect(type).toMatch(TYPE_FORMAT);
      expect(
        cloudFormationTypes.has(type) || type in MODEL_ONLY_RESOURCE_TYPES,
        `${type} is a known type`,
      ).toBe(true);
    }
  });

  it('maps to controls that exist in src/frameworks', () => {
    for (const control of rule.controls) expect(lookupControl(control), control).toBeDefined();
    expect(new Set(rule.controls).size).toBe(rule.controls.length);
  });

  it('declares every parameter with a default and a description', () => {
    for (const [name, schema] of Object.entries(rule.params.shape)) {
      expect((rule.defaults as Record<string, unknown>)[name], `${name} default`).toBeDefined();
      expect((schema as { description?: string }).description, `${name} description`).toBeTruthy();
    }
  });
});

describe('fixtures', () => {
  it.each(services)('%s: every fixture file belongs to a rule', (service) => {
    const dir = join(rulesDir, service, 'fixtures');
    if (!existsSync(dir)) return;
    const ids = allRules.map((r) => r.id);
    const orphans = readdirSync(dir).filter((f) => !ids.some((id) => f.startsWith(id)));
    expect(orphans).toEqual([]);
  });
});

describe('framework data', () => {
  it('has well-formed control ids and titles', () => {
    for (const framework of FRAMEWORKS) {
      expect(framework.id).toMatch(/^[a-z0-9.-]+$/);
      for (const [id, control] of Object.entries(framework.controls)) {
        expect(id, framework.id).toMatch(/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/);
        expect(control.title.length, `${framework.id}:${id}`).toBeGreaterThan(5);
      }
    }
  });

  it('keeps the CloudFormation type list well-formed', () => {
    expect(cloudFormationTypes.size).toBeGreaterThan(1000);
    for (const type of cloudFormationTypes) expect(type).toMatch(TYPE_FORMAT);
  });
});

describe('generated rule docs', () => {
  it('docs/rules matches the rule metadata (run `npm run docs:rules` to update)', async () => {
    const expected = new Map<string, string>();
    for (const [file, text] of renderRuleDocs(allRules)) {
      const path = join(docsDir, file);
      const options = { ...(await prettier.resolveConfig(path)), filepath: path };
      expected.set(file, await prettier.format(text, options));
    }
    const onDisk = existsSync(docsDir) ? readdirSync(docsDir).filter((f) => f.endsWith('.md')) : [];
    expect(onDisk.sort()).toEqual([...expected.keys()].sort());
    for (const [file, text] of expected) {
      expect(readFileSync(join(docsDir, file), 'utf8'), `docs/rules/${file} is stale`).toBe(text);
    }
  });
});
