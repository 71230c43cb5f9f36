import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { corpusPath } from '../corpora.js';

/** The parts of a pathfinding.cloud path file the tests compare against. */
export interface PrivescPath {
  id: string;
  name: string;
  category: string;
  file: string;
  required: string[];
}

export const privescRoot = corpusPath('privesc-paths', 'data', 'paths');

/** Every path file of the corpus, read with the YAML library (one upstream file repeats a key; the last wins). */
export function loadPrivescPaths(): PrivescPath[] {
  const out: PrivescPath[] = [];
  for (const service of readdirSync(privescRoot).sort()) {
    for (const f of readdirSync(join(privescRoot, service)).sort()) {
      if (!f.endsWith('.yaml')) continue;
      const file = join(service, f);
      const doc = parse(readFileSync(join(privescRoot, file), 'utf8'), { uniqueKeys: false }) as {
        id: string;
        name: string;
        category: string;
        permissions?: { required?: Array<{ permission: string }> };
      };
      out.push({
        id: doc.id,
        name: doc.name,
        category: doc.category,
        file,
        required: (doc.permissions?.required ?? []).map((p) => p.permission),
      });
    }
  }
  return out;
}
