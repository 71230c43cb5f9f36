// Regenerates docs/rules/ (one page per rule, and README.md with the rule table and framework
// coverage) from the rule metadata. test/meta/rules.test.ts fails when the files are stale.
//
//   npm run docs:rules
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { runnerImport } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const docsDir = join(root, 'docs', 'rules');

// The TypeScript sources are loaded through Vite's module runner (the one Vitest uses), so the
// docs need no build step.
const importTs = async (file) =>
  (await runnerImport(join(root, file), { configFile: false, logLevel: 'error', root })).module;
const { allRules } = await importTs('src/rules/index.ts');
const { renderRuleDocs } = await importTs('src/engine/rule-docs.ts');

await mkdir(docsDir, { recursive: true });
const docs = renderRuleDocs(allRules);
for (const file of await readdir(docsDir)) {
  if (file.endsWith('.md') && !docs.has(file)) await rm(join(docsDir, file));
}
for (const [file, text] of docs) {
  const path = join(docsDir, file);
  const options = { ...(await prettier.resolveConfig(path)), filepath: path };
  await writeFile(path, await prettier.format(text, options));
}
console.log(`docs/rules: ${docs.size} files for ${allRules.length} rules`);
