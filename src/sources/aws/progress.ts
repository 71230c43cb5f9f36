/** Collection progress on stderr: one self-overwriting line, only when stderr is a terminal. */
export interface CollectProgress {
  accounts: number;
  regions: number;
  services: number;
  unitsDone: number;
  unitsTotal: number;
  calls: number;
  gaps: number;
}

export function progressDisplay(stream: NodeJS.WriteStream = process.stderr): {
  update: (p: CollectProgress) => void;
  end: () => void;
} {
  if (!stream.isTTY) return { update: () => undefined, end: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update: (p) => {
      const now = Date.now();
      if (now - last < 150 && p.unitsDone < p.unitsTotal) return;
      last = now;
      shown = true;
      stream.write(
        `\rcollect: ${p.accounts} account(s) × ${p.regions} region(s) × ${p.services} service(s): ` +
          `${p.unitsDone}/${p.unitsTotal} units, ${p.calls.toLocaleString('en-US')} calls, ${p.gaps} gap(s)\x1b[K`,
      );
    },
    end: () => {
      if (shown) stream.write('\n');
    },
  };
}
