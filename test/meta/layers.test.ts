import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../corpora.js';

/**
 * The import direction of docs/architecture.md, enforced. A layer may import itself and the
 * layers listed for it; anything else is a violation. Third-party packages are checked too:
 * the AWS SDK belongs to sources (and the commands that wire them), never to analysis code.
 */
const ANALYSIS = ['rules', 'network', 'iam', 'logs', 'cost', 'health', 'frameworks'];
const ALLOWED: Record<string, string[]> = {
  model: [],
  sources: ['model'],
  store: ['model'],
  ...Object.fromEntries(ANALYSIS.map((layer) => [layer, ['model', ...ANALYSIS]])),
  engine: ['model', ...ANALYSIS],
  questions: ['model', 'engine', ...ANALYSIS],
  report: ['model', 'engine', 'questions', ...ANALYSIS],
  // Executes planned changes (fix, cleanup, rotate): reads the account again, writes the journal.
  change: ['model', 'sources', 'store', 'engine', 'questions', ...ANALYSIS],
  cli: ['*'],
  server: ['*'],
  web: ['*'],
  index: ['*'],
};
const SDK_ALLOWED = new Set(['sources', 'store', 'change', 'cli', 'server']);

const srcRoot = join(projectRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function layerOf(file: string): string {
  const first = relative(srcRoot, file).split(sep)[0]!;
  return first.replace(/\.tsx?$/, '');
}

/** Static and dynamic import specifiers, from the text (comments do not contain import statements here). */
function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;
  for (const match of text.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

describe('layer import direction', () => {
  const files = sourceFiles(srcRoot);

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('every layer is known', () => {
    const unknown = [...new Set(files.map(layerOf))].filter((layer) => !(layer in ALLOWED));
    expect(unknown).toEqual([]);
  });

  it('imports go only down the layers', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      const allowed = ALLOWED[from] ?? [];
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        const where = relative(projectRoot, file);
        if (specifier.startsWith('@aws-sdk/') && !SDK_ALLOWED.has(from)) {
          violations.push(`${where}: ${from} imports the AWS SDK (${specifier})`);
        }
        if (!specifier.startsWith('.')) continue;
        const target = resolve(dirname(file), specifier);
        if (!target.startsWith(srcRoot + sep)) {
          violations.push(`${where}: imports outside src (${specifier})`);
          continue;
        }
        const to = layerOf(target);
        if (to !== from && !allowed.includes('*') && !allowed.includes(to)) {
          violations.push(`${where}: ${from} may not import ${to} (${specifier})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('catches a violation in a sample', () => {
    expect(
      importsOf(`import { x } from '../sources/index.js';\nconst y = await import('../report/x.js');`),
    ).toEqual(['../sources/index.js', '../report/x.js']);
  });
});
