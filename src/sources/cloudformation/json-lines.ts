import { InputError } from '../../model/index.js';
import type { KeyPath } from './parse.js';

/** Paths deeper than this get the line of their nearest recorded ancestor. */
const MAX_RECORDED_DEPTH = 8;

/**
 * Line numbers of the keys (and list items) of a JSON text that `JSON.parse` accepted, which
 * `JSON.parse` does not report, plus the duplicate-key check it does not make (it keeps the
 * last silently; CloudFormation rejects the template).
 */
export function jsonKeyLines(text: string, file: string): (path: KeyPath) => number | undefined {
  const lines = new Map<string, number>();
  interface Frame {
    object: boolean;
    path: Array<string | number>;
    keys: Set<string>;
    index: number;
    key?: string;
  }
  const stack: Frame[] = [];
  const record = (path: ReadonlyArray<string | number>, line: number) => {
    if (path.length <= MAX_RECORDED_DEPTH) lines.set(path.join('\u0000'), line);
  };
  let line = 1;
  let expectKey = false;
  const valueStarts = () => {
    const top = stack[stack.length - 1];
    if (top && !top.object) record([...top.path, top.index], line);
  };

  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
    } else if (c === 34) {
      const startLine = line;
      let j = i + 1;
      let escaped = false;
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === 92) {
          escaped = true;
          j++;
        } else if (d === 34) break;
      }
      const raw = text.slice(i, j + 1);
      i = j;
      const top = stack[stack.length - 1];
      if (top?.object && expectKey) {
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (top.keys.has(key)) {
          throw new InputError(`Duplicate key "${key}": a logical id or property is declared twice`, {
            file,
            line: startLine,
          });
        }
        top.keys.add(key);
        top.key = key;
        expectKey = false;
        record([...top.path, key], startLine);
      } else {
        valueStarts();
      }
    } else if (c === 123 || c === 91) {
      valueStarts();
      const top = stack[stack.length - 1];
      const path = top ? [...top.path, top.object ? (top.key ?? '') : top.index] : [];
      stack.push({ object: c === 123, path, keys: new Set(), index: 0 });
      expectKey = c === 123;
    } else if (c === 125 || c === 93) {
      stack.pop();
    } else if (c === 44) {
      const top = stack[stack.length - 1];
      if (top && !top.object) top.index++;
      else expectKey = true;
    } else if (c !== 58 && c !== 32 && c !== 9 && c !== 13) {
      // A number, true, false or null: skip to its end.
      valueStarts();
      while (i + 1 < text.length && !/[\s,\]}]/.test(text.charAt(i + 1))) i++;
    }
  }
  return (path) => lines.get(path.join('\u0000'));
}
