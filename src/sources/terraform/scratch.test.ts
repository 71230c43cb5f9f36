import { test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { terraformSource } from './index.js';
test('scratch', async () => {
  const base = new URL('./fixtures/hcl/project', import.meta.url).pathname;
  const s = await terraformSource.load(base, {});
  writeFileSync('/tmp/tfsurvey/hcl.json', JSON.stringify(s, null, 1));
});
