import { Command, Option } from 'commander';
import type { Hop, ReachAnswer } from '../../network/index.js';
import { reachQuestion } from '../../questions/reach.js';
import { loadSource } from '../../sources/index.js';
import { addSourceOptions, type SourceFlags, sourceOptionsFrom } from '../options.js';
import { write, writeJson } from '../output.js';

interface ReachFlags extends SourceFlags {
  from: string;
  to: string;
  protocol: 'tcp' | 'udp' | 'icmp' | 'all';
  port?: string;
  icmpType?: string;
  icmpCode?: string;
  ephemeral: string;
  json?: boolean;
}

export function reachCommand(): Command {
  return addSourceOptions(new Command('reach'))
    .description(
      'Can traffic get from one place to another? The hop-by-hop path, or every blocking rule with the fix.',
    )
    .requiredOption(
      '--from <ref>',
      "source: a resource id, ARN, logical id or Name tag, 'internet', or an IP",
    )
    .requiredOption(
      '--to <ref>',
      "destination: a resource id, ARN, logical id or Name tag, 'internet', or an IP",
    )
    .addOption(
      new Option('--protocol <protocol>', 'IP protocol')
        .choices(['tcp', 'udp', 'icmp', 'all'])
        .default('tcp'),
    )
    .addOption(new Option('--port <n>', 'destination port (tcp/udp)'))
    .addOption(new Option('--icmp-type <n>', 'ICMP type (default 8, echo request)'))
    .addOption(new Option('--icmp-code <n>', 'ICMP code'))
    .addOption(
      new Option('--ephemeral <profile>', "clients' ephemeral port range for NACL return traffic")
        .choices(['auto', 'linux', 'windows', 'nat-gateway', 'elb', 'lambda', 'any'])
        .default('auto'),
    )
    .addOption(new Option('--json', 'print the answer as JSON (schemaVersion 1)'))
    .action(async (flags: ReachFlags) => {
      const snapshot = await loadSource(flags.source, sourceOptionsFrom(flags));
      const answer = reachQuestion(snapshot, {
        from: flags.from,
        to: flags.to,
        protocol: flags.protocol,
        ...(flags.port !== undefined ? { port: flags.port as unknown as number } : {}),
        ...(flags.icmpType !== undefined ? { icmpType: flags.icmpType as unknown as number } : {}),
        ...(flags.icmpCode !== undefined ? { icmpCode: flags.icmpCode as unknown as number } : {}),
        ephemeral: flags.ephemeral as 'auto',
      });
      if (flags.json) {
        await writeJson(answer);
        return;
      }
      await write(renderReach(answer, flags));
    });
}

function hopLine(h: Hop, i: number): string {
  const who =
    h.component.name && h.component.name !== h.component.id
      ? `${h.component.name} (${h.component.id})`
      : h.component.id;
  const dir = h.direction ? ` ${h.direction}` : '';
  return `  ${String(i + 1).padStart(2)}. ${h.kind}${dir}: ${who}${h.matched ? `\n        ${h.matched}` : ''}\n`;
}

/** The human answer: verdict, the two paths, and what blocks with the fix. */
export function renderReach(
  a: ReachAnswer,
  q: { from: string; to: string; protocol: string; port?: string },
): string {
  const what = q.protocol === 'tcp' || q.protocol === 'udp' ? `${q.protocol}/${q.port}` : q.protocol;
  let out = `${q.from} -> ${q.to} (${what}): ${a.reachable ? 'REACHABLE' : 'NOT REACHABLE'}\n`;
  if (a.forward.length > 0) out += `\nForward path:\n${a.forward.map(hopLine).join('')}`;
  if (a.return.length > 0) out += `\nReturn path:\n${a.return.map(hopLine).join('')}`;
  if (a.explanations.length > 0) {
    out += `\nBlocked by:\n`;
    for (const e of a.explanations) {
      const who =
        e.component.name && e.component.name !== e.component.id
          ? `${e.component.name} (${e.component.id})`
          : e.component.id;
      const where = [e.path, e.direction].filter(Boolean).join(', ');
      out += `  ${e.code} at ${who}${where ? ` [${where}]` : ''}\n    ${e.detail}\n`;
      if (e.fix) out += `    fix: ${e.fix}\n`;
    }
  }
  if (a.notes && a.notes.length > 0) out += `\nNotes:\n${a.notes.map((n) => `  - ${n}\n`).join('')}`;
  return out;
}
