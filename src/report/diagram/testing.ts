/**
 * Structural checks of the three diagram formats, for tests: a small XML well-formedness parser
 * (the XML the renderers write: declaration, elements, attributes, text, entities), the draw.io
 * model's invariants, the SVG's self-containment, and Mermaid's subgraph balance and ids.
 * Each check returns the problems found (empty when fine).
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_.:]*$/;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;

function checkEntities(s: string, where: string, problems: string[]): string {
  for (let i = s.indexOf('&'); i >= 0; i = s.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(s)) problems.push(`bad entity at ${where}: ${s.slice(i, i + 12)}`);
  }
  if (s.includes('<')) problems.push(`raw < at ${where}`);
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#xa;/gi, '\n')
    .replace(/&amp;/g, '&');
}

/** Parses XML into elements; `problems` lists every well-formedness error met. */
export function parseXml(xml: string): { root?: XmlElement; problems: string[] } {
  const problems: string[] = [];
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) return { problems: ['unterminated declaration'] };
    i = end + 2;
  }
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    const text = xml.slice(i, textEnd);
    if (text.trim() !== '') {
      if (stack.length === 0) problems.push(`text outside the root element at ${i}`);
      checkEntities(text, `offset ${i}`, problems);
    }
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end < 0) return { problems: [...problems, 'unterminated comment'] };
      i = end + 3;
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) return { problems: [...problems, `unterminated tag at ${lt}`] };
    const body = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (body.startsWith('/')) {
      const name = body.slice(1).trim();
      const open = stack.pop();
      if (!open || open.name !== name)
        problems.push(`</${name}> closes <${open?.name ?? 'nothing'}> at ${lt}`);
      continue;
    }
    const selfClosing = body.endsWith('/');
    const inner = selfClosing ? body.slice(0, -1) : body;
    const nameMatch = /^\s*([^\s/>]+)/.exec(inner);
    const name = nameMatch?.[1] ?? '';
    if (!NAME.test(name)) problems.push(`bad element name "${name}" at ${lt}`);
    const attrs: Record<string, string> = {};
    const rest = inner.slice(nameMatch?.[0].length ?? 0);
    const attrRe = /\s+([^\s=]+)="([^"]*)"/gy;
    let last = 0;
    for (let m = attrRe.exec(rest); m; m = attrRe.exec(rest)) {
      const [, key = '', value = ''] = m;
      if (!NAME.test(key)) problems.push(`bad attribute name "${key}" on <${name}>`);
      if (key in attrs) problems.push(`duplicate attribute ${key} on <${name}>`);
      attrs[key] = checkEntities(value, `<${name} ${key}>`, problems);
      last = attrRe.lastIndex;
    }
    if (rest.slice(last).trim() !== '')
      problems.push(`unparsable attributes on <${name}>: ${rest.slice(last, last + 30)}`);
    const el: XmlElement = { name, attrs, children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else if (root) problems.push(`second root element <${name}>`);
    else root = el;
    if (!selfClosing) stack.push(el);
  }
  for (const open of stack) problems.push(`<${open.name}> never closed`);
  if (!root) problems.push('no root element');
  return root ? { root, problems } : { problems };
}

function* elements(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) yield* elements(c);
}

/** Style text `a=b;c=d;` as a map. */
export function parseStyle(style: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of style.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return out;
}

/** draw.io file: well-formed, unique cell ids, parents and edge ends exist, only allowed shape names. */
export function checkDrawio(xml: string, allowedShapes: ReadonlySet<string>): string[] {
  const { root, problems } = parseXml(xml);
  if (!root) return problems;
  if (root.name !== 'mxfile') problems.push(`root is <${root.name}>, not <mxfile>`);
  const models = [...elements(root)].filter((e) => e.name === 'mxGraphModel');
  if (models.length !== 1) problems.push(`${models.length} mxGraphModel elements`);
  const cells = [...elements(root)].filter((e) => e.name === 'mxCell');
  const ids = new Set<string>();
  for (const c of cells) {
    const id = c.attrs.id;
    if (id === undefined) problems.push('mxCell without id');
    else if (ids.has(id)) problems.push(`duplicate cell id ${id}`);
    else ids.add(id);
  }
  for (const c of cells) {
    const { id, parent, source, target, style, vertex, edge } = c.attrs;
    if (id !== '0' && (parent === undefined || !ids.has(parent)))
      problems.push(`cell ${id}: parent ${parent} missing`);
    if (edge === '1') {
      if (!source || !ids.has(source)) problems.push(`edge ${id}: source ${source} missing`);
      if (!target || !ids.has(target)) problems.push(`edge ${id}: target ${target} missing`);
    }
    if (vertex === '1' || edge === '1') {
      const geometry = c.children.find((g) => g.name === 'mxGeometry');
      if (!geometry) problems.push(`cell ${id}: no mxGeometry`);
      if (vertex === '1' && geometry) {
        for (const k of ['x', 'y', 'width', 'height']) {
          if (!Number.isFinite(Number(geometry.attrs[k])))
            problems.push(`cell ${id}: geometry ${k} not a number`);
        }
      }
    }
    if (style !== undefined) {
      const s = parseStyle(style);
      for (const key of ['shape', 'grIcon', 'resIcon']) {
        const v = s.get(key);
        if (v !== undefined && !allowedShapes.has(v))
          problems.push(`cell ${id}: ${key}=${v} is not in the allowed table`);
      }
      if (vertex === '1' && !s.has('shape')) problems.push(`cell ${id}: vertex without shape`);
    }
  }
  return problems;
}

/** SVG: well-formed, a positive size, nothing fetched from outside the file. */
export function checkSvg(svg: string): string[] {
  const { root, problems } = parseXml(svg);
  if (!root) return problems;
  if (root.name !== 'svg') problems.push(`root is <${root.name}>`);
  for (const k of ['width', 'height']) {
    if (!(Number(root.attrs[k]) > 0)) problems.push(`svg ${k} is ${root.attrs[k]}`);
  }
  for (const el of elements(root)) {
    if (['image', 'script', 'foreignObject', 'use', 'a', 'style'].includes(el.name))
      problems.push(`<${el.name}> element`);
    for (const [k, v] of Object.entries(el.attrs)) {
      if (k === 'xmlns') continue;
      if (k.endsWith('href')) problems.push(`${k} on <${el.name}>`);
      if (/url\((?!#)/.test(v)) problems.push(`external url() in ${k} on <${el.name}>`);
      if (/^[a-z]+:\/\//i.test(v)) problems.push(`URL in ${k} on <${el.name}>`);
    }
  }
  return problems;
}

/** Mermaid flowchart: header, subgraph/end balance, unique ids, link ends declared. */
export function checkMermaid(text: string): string[] {
  const problems: string[] = [];
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (!/^flowchart (TB|TD|BT|LR|RL)$/.test(lines[0] ?? '')) problems.push(`header is "${lines[0]}"`);
  let depth = 0;
  const declared = new Set<string>();
  const declare = (id: string) => {
    if (declared.has(id)) problems.push(`id ${id} declared twice`);
    declared.add(id);
  };
  for (const line of lines.slice(1)) {
    let m: RegExpExecArray | null;
    if ((m = /^subgraph ([A-Za-z0-9_]+)\["[^"]*"\]$/.exec(line))) {
      depth++;
      declare(m[1] as string);
    } else if (line === 'end') {
      depth--;
      if (depth < 0) problems.push('end without subgraph');
    } else if (/^direction (TB|LR|BT|RL)$/.test(line) || /^(classDef|class) /.test(line)) {
      continue;
    } else if ((m = /^([A-Za-z0-9_]+)(?:\["[^"]*"\]|\[\("[^"]*"\)\]|\[\["[^"]*"\]\])$/.exec(line))) {
      declare(m[1] as string);
    } else if ((m = /^([A-Za-z0-9_]+) (?:<-->|---|-->)\|"[^"]*"\| ([A-Za-z0-9_]+)$/.exec(line))) {
      for (const end of [m[1], m[2]] as string[])
        if (!declared.has(end)) problems.push(`link to undeclared ${end}`);
    } else {
      problems.push(`unrecognised line: ${line}`);
    }
    if (/^(end|subgraph|graph|flowchart|style|class|click|direction)$/i.test(m?.[1] ?? ''))
      problems.push(`keyword id ${m?.[1]}`);
  }
  if (depth !== 0) problems.push(`${depth} subgraph(s) not closed`);
  return problems;
}
