import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';

/** Replaces the section between two markers of a generated document (or appends it). */
export function replaceSection(doc: string, start: string, end: string, body: string): string {
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  const block = `${start}\n${body}\n${end}`;
  if (a < 0 || b < a) return `${doc.trimEnd()}\n\n${block}\n`;
  return doc.slice(0, a) + block + doc.slice(b + end.length);
}

/** Rewrites one section of a Markdown file, formatted as `npm run lint` expects. */
export async function writeSection(file: string, start: string, end: string, body: string): Promise<void> {
  const next = replaceSection(readFileSync(file, 'utf8'), start, end, body);
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(next, { ...options, filepath: file }));
}
