/** Replaces the section between two markers of a generated document (or appends it). */
export function replaceSection(doc: string, start: string, end: string, body: string): string {
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  const block = `${start}\n${body}\n${end}`;
  if (a < 0 || b < a) return `${doc.trimEnd()}\n\n${block}\n`;
  return doc.slice(0, a) + block + doc.slice(b + end.length);
}
