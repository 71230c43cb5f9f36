import type { CoverageGap, CoverageGapKind } from '../../model/index.js';

/** Collects the coverage gaps of one template, without repeating the same one. */
export class GapSink {
  readonly list: CoverageGap[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly base: Pick<CoverageGap, 'file' | 'account' | 'region'>) {}

  add(kind: CoverageGapKind, message: string, where: Omit<CoverageGap, 'kind' | 'message'> = {}): void {
    const key = `${kind}\u0000${message}\u0000${where.path ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ kind, message, ...this.base, ...where });
  }
}
