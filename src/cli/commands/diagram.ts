import { Command, Option } from 'commander';
import { diagramQuestion, isEmptyDiagram } from '../../questions/diagram.js';
import { renderDiagram, type DiagramFormat } from '../../report/diagram/index.js';
import { loadSource } from '../../sources/index.js';
import { addSourceOptions, type SourceFlags, sourceOptionsFrom } from '../options.js';
import { write, writeAtomically } from '../output.js';

interface DiagramFlags extends SourceFlags {
  format: DiagramFormat;
  vpc?: string;
  out?: string;
}

export function diagramCommand(): Command {
  return addSourceOptions(new Command('diagram'))
    .description(
      'Architecture diagram of the VPCs: accounts, regions, VPCs, subnets (public/private), resources, gateways, peering and transit gateway attachments.',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['drawio', 'svg', 'mermaid'])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--vpc <ref>', 'only this VPC (id, Name tag or logical id); its peers drawn outside'),
    )
    .addOption(new Option('-o, --out <file>', 'write to this file (atomically) instead of stdout'))
    .addHelpText(
      'after',
      '\n--account and --region also select what is drawn (an account id or name, a region).',
    )
    .action(async (flags: DiagramFlags) => {
      const snapshot = await loadSource(flags.source, sourceOptionsFrom(flags));
      const diagram = diagramQuestion(snapshot, {
        ...(flags.account !== undefined ? { account: flags.account } : {}),
        ...(flags.region !== undefined ? { region: flags.region } : {}),
        ...(flags.vpc !== undefined ? { vpc: flags.vpc } : {}),
      });
      if (isEmptyDiagram(diagram)) {
        console.error(
          `nothing to draw: ${flags.source} has no VPC (the diagram shows VPCs and what is in them)`,
        );
        return;
      }
      const text = await renderDiagram(diagram, flags.format);
      if (flags.out) await writeAtomically(flags.out, [text]);
      else await write(text);
      for (const note of diagram.notes) console.error(`note: ${note}`);
    });
}
