import type { Snapshot } from '../model/index.js';

/** Options every source accepts; each uses the ones that apply to it. */
export interface SourceOptions {
  /** CloudFormation parameter overrides (`--param k=v`). */
  params?: Record<string, string>;
  /** Account to assign when the input does not say (templates, plans). */
  account?: string;
  /** Region to assign when the input does not say (templates, plans). */
  region?: string;
  /** Demo organisation scale: number of synthetic workload accounts. */
  accounts?: number;
  /** Demo organisation scale: resources generated per synthetic account. */
  resourcesPerAccount?: number;
  /** Progress callback for long loads (files read, resources loaded). */
  onProgress?: (event: ProgressEvent) => void;
}

export interface ProgressEvent {
  phase: string;
  done: number;
  total?: number;
}

/** A source turns one input (a path, `demo`, `aws`) into a snapshot. */
export interface Source {
  kind: string;
  load(input: string, options: SourceOptions): Promise<Snapshot>;
}
