/**
 * The resume journal: one JSON line per finished (account, region, collector) unit, appended as
 * units finish, next to the `--out` file (`<out>.journal`). `--resume` reads it back and runs only
 * the units it does not hold; a successful write of the snapshot removes it.
 */
import { existsSync } from 'node:fs';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { InputError } from '../../model/index.js';
import type { UnitResult } from './mapping.js';

const FORMAT = 'cloudrounds-collect-journal';

export function journalPathOf(out: string): string {
  return `${out}.journal`;
}

export function unitKey(unit: Pick<UnitResult, 'account' | 'region' | 'collector'>): string {
  return `${unit.account}|${unit.region}|${unit.collector}`;
}

export class Journal {
  private chain: Promise<void> = Promise.resolve();

  private constructor(readonly path: string) {}

  /** Opens the journal: fresh (truncating an old one) or, with `resume`, reading what it holds. */
  static async open(path: string, resume: boolean): Promise<{ journal: Journal; done: UnitResult[] }> {
    const journal = new Journal(path);
    if (!resume || !existsSync(path)) {
      await writeFile(path, JSON.stringify({ format: FORMAT, version: 1 }) + '\n');
      return { journal, done: [] };
    }
    const lines = (await readFile(path, 'utf8')).split('\n');
    const header = safeParse(lines[0] ?? '');
    if (header?.format !== FORMAT) {
      throw new InputError(`--resume: ${path} is not a collection journal`, { file: path, line: 1 });
    }
    const done: UnitResult[] = [];
    lines.slice(1).forEach((line) => {
      const unit = safeParse(line);
      // A line cut short by the interruption is simply run again.
      if (unit && typeof unit.collector === 'string' && typeof unit.account === 'string') {
        done.push(unit as unknown as UnitResult);
      }
    });
    return { journal, done };
  }

  /** Appends a finished unit; appends are serialised so lines never interleave. */
  record(unit: UnitResult): Promise<void> {
    this.chain = this.chain.then(() => appendFile(this.path, JSON.stringify(unit) + '\n'));
    return this.chain;
  }

  async remove(): Promise<void> {
    await this.chain;
    await rm(this.path, { force: true });
  }

  flush(): Promise<void> {
    return this.chain;
  }
}

function safeParse(line: string): Record<string, unknown> | undefined {
  if (!line.trim()) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
