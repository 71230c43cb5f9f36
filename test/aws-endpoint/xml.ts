/**
 * Just enough XML for recorded AWS responses: the direct children of an element, so that a recorded
 * full listing can be served page by page. The fixtures are well-formed and have no CDATA.
 */
export interface XmlElement {
  name: string;
  /** Offsets of the whole element, `<a>…</a>`. */
  start: number;
  end: number;
  /** Offsets of its content. */
  innerStart: number;
  innerEnd: number;
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->/g;

/** Direct child elements of the content between `from` and `to`. */
export function children(xml: string, from = 0, to = xml.length): XmlElement[] {
  const out: XmlElement[] = [];
  TAG.lastIndex = from;
  let depth = 0;
  let open: { name: string; start: number; innerStart: number } | undefined;
  for (let m = TAG.exec(xml); m && m.index < to; m = TAG.exec(xml)) {
    if (m[2] === undefined) continue;
    const [whole, closing, name, selfClosing] = m;
    if (closing) {
      depth--;
      if (depth === 0 && open) {
        out.push({
          name: open.name,
          start: open.start,
          innerStart: open.innerStart,
          innerEnd: m.index,
          end: m.index + whole.length,
        });
        open = undefined;
      }
    } else if (selfClosing) {
      if (depth === 0)
        out.push({
          name: name!,
          start: m.index,
          innerStart: m.index + whole.length,
          innerEnd: m.index + whole.length,
          end: m.index + whole.length,
        });
    } else {
      if (depth === 0) open = { name: name!, start: m.index, innerStart: m.index + whole.length };
      depth++;
    }
  }
  return out;
}

/** The root element of a document. */
export function root(xml: string): XmlElement {
  const top = children(xml);
  if (top.length !== 1) throw new Error(`expected one root element, found ${top.length}`);
  return top[0]!;
}

export function text(xml: string, element: XmlElement): string {
  return xml.slice(element.innerStart, element.innerEnd);
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]!);
}

/**
 * A request body as the SDK input it encodes: `<VersioningConfiguration><Status>Enabled</Status>
 * </VersioningConfiguration>` → `{ VersioningConfiguration: { Status: 'Enabled' } }`. Leaves are
 * strings; a name repeated among siblings becomes a list.
 */
export function xmlToObject(xml: string, from = 0, to = xml.length): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const element of children(xml, from, to)) {
    const kids = children(xml, element.innerStart, element.innerEnd);
    const value =
      kids.length > 0
        ? xmlToObject(xml, element.innerStart, element.innerEnd)
        : unescapeXml(text(xml, element));
    const previous = out[element.name];
    if (previous === undefined) out[element.name] = value;
    else out[element.name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}
