// Regenerates schema/snapshot-v1.schema.json (JSON Schema draft 2020-12 of one snapshot file line)
// from the zod schema in src/sources/snapshot/schema.ts, through the build in dist/, so that the
// published schema is never hand-synced. A test fails when the committed file is stale.
//
//   npm run schema:snapshot
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { snapshotLineJsonSchema } from '../dist/sources/snapshot/schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'schema', 'snapshot-v1.schema.json');
const text = await prettier.format(JSON.stringify(snapshotLineJsonSchema()), {
  ...(await prettier.resolveConfig(target)),
  filepath: target,
});
await writeFile(target, text);
console.log(`wrote ${target}`);
