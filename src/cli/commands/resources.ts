import { Command, Option } from 'commander';
import type { Resource } from '../../model/index.js';
import { renderTable } from '../../report/table.js';
import { loadSource } from '../../sources/index.js';
import { addSourceOptions, type SourceFlags, sourceOptionsFrom } from '../options.js';
import { write } from '../output.js';

interface ResourcesFlags extends SourceFlags {
  type?: string;
  json?: boolean;
}

/** Version of the `resources --json` document. */
export const RESOURCES_JSON_SCHEMA_VERSION = 1;

export function resourcesCommand(): Command {
  return addSourceOptions(new Command('resources'))
    .description('List the resources a source holds (the normalised, CloudFormation-shaped model).')
    .addOption(new Option('-t, --type <type>', "resource type, '*' wildcards allowed (e.g. 'AWS::EC2::*')"))
    .addOption(new Option('--json', 'print { schemaVersion, resources, coverage } as JSON'))
    .action(async (flags: ResourcesFlags) => {
      const snapshot = await loadSource(flags.source, sourceOptionsFrom(flags));
      const matches = typeMatcher(flags.type);
      const selected = snapshot.resources.filter((r) => matches(r.type));
      if (flags.json) {
        await writeResourcesJson(selected, snapshot.coverage);
        return;
      }
      await write(
        renderTable(
          ['type', 'id', 'name', 'account', 'region', 'origin'],
          selected.map((r) => [r.type, r.id, r.name, r.account, r.region, originText(r)]),
        ),
      );
      await write(`${selected.length.toLocaleString('en-US')} resource(s)`);
      await write(snapshot.coverage.length ? `; ${snapshot.coverage.length} coverage gap(s)\n` : '\n');
    });
}

/** `AWS::EC2::*` style matching; no pattern matches everything. */
export function typeMatcher(pattern: string | undefined): (type: string) => boolean {
  if (!pattern) return () => true;
  const regex = new RegExp(
    '^' +
      pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
    'i',
  );
  return (type) => regex.test(type);
}

function originText(r: Resource): string {
  const { origin } = r;
  if (!origin.file) return origin.source;
  return origin.line ? `${origin.file}:${origin.line}` : origin.file;
}

/** Streams the JSON document one resource at a time: a million resources never become one string. */
async function writeResourcesJson(resources: Resource[], coverage: unknown[]): Promise<void> {
  await write(`{"schemaVersion":${RESOURCES_JSON_SCHEMA_VERSION},"resources":[`);
  for (let i = 0; i < resources.length; i++) {
    await write((i ? ',\n' : '\n') + JSON.stringify(resources[i]));
  }
  await write(`\n],"coverage":${JSON.stringify(coverage)}}\n`);
}
