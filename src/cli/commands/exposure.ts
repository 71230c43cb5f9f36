import { Command, Option } from 'commander';
import { portRangeToString } from '../../model/index.js';
import type { ExposureAnswer } from '../../network/index.js';
import { exposureQuestion } from '../../questions/reach.js';
import { renderTable } from '../../report/table.js';
import { loadSource } from '../../sources/index.js';
import { addSourceOptions, type SourceFlags, sourceOptionsFrom } from '../options.js';
import { write, writeJson } from '../output.js';

interface ExposureFlags extends SourceFlags {
  ephemeral: string;
  json?: boolean;
}

export function exposureCommand(): Command {
  return addSourceOptions(new Command('exposure'))
    .description(
      'Everything the internet (0.0.0.0/0, ::/0) reaches, by protocol and port range, with the path; and world-open rules that are shielded.',
    )
    .addOption(
      new Option('--ephemeral <profile>', "clients' ephemeral port range for NACL return traffic")
        .choices(['auto', 'linux', 'windows', 'nat-gateway', 'elb', 'lambda', 'any'])
        .default('auto'),
    )
    .addOption(new Option('--json', 'print the answer as JSON (schemaVersion 1)'))
    .action(async (flags: ExposureFlags) => {
      const snapshot = await loadSource(flags.source, sourceOptionsFrom(flags));
      const answer = exposureQuestion(snapshot, { ephemeral: flags.ephemeral as 'auto' });
      if (flags.json) {
        await writeJson(answer);
        return;
      }
      await write(renderExposure(answer));
    });
}

const who = (c: { id: string; name?: string }) => (c.name && c.name !== c.id ? `${c.name} (${c.id})` : c.id);

export function renderExposure(a: ExposureAnswer): string {
  let out = `Reachable from the internet (${a.exposures.length}):\n`;
  out += renderTable(
    ['resource', 'type', 'public ip', 'from', 'protocol', 'ports', 'via'],
    a.exposures.map((e) => [
      who(e.component),
      e.component.type,
      e.publicIp ?? '',
      e.from,
      e.protocol,
      e.ports ? portRangeToString(e.ports) : '',
      e.path
        .filter((h) => h.kind === 'security-group' || h.kind === 'network-acl')
        .map((h) => h.component.name ?? h.component.id)
        .join(' > '),
    ]),
  );
  out += `\nOpen to the world in a security group, but not reachable (${a.shielded.length}):\n`;
  out += renderTable(
    ['resource', 'security group', 'from', 'protocol', 'ports', 'because'],
    a.shielded.map((s) => [
      who(s.component),
      s.securityGroup.name ?? s.securityGroup.id,
      s.from,
      s.protocol,
      s.ports ? portRangeToString(s.ports) : '',
      s.explanations.map((e) => `${e.code} at ${e.component.name ?? e.component.id}`).join('; '),
    ]),
  );
  return out;
}
