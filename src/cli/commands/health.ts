import { Command, Option } from 'commander';
import { CONFIG_FILE, loadConfig } from '../../engine/index.js';
import { configurableRules } from '../../questions/daily.js';
import { health } from '../../questions/health.js';
import { renderHealthJson, renderHealthText } from '../../report/daily/health.js';
import { resolveSource } from '../../sources/index.js';
import { addSourceOptions, type SourceFlags, sourceOptionsFrom } from '../options.js';
import { write } from '../output.js';

interface HealthFlags extends SourceFlags {
  json?: boolean;
  config?: string;
}

export function healthCommand(): Command {
  return addSourceOptions(new Command('health'))
    .description(
      'What is unhealthy now: alarms, Auto Scaling and target health, ECS services, pipelines, Lambda errors and ' +
        'throttles, DynamoDB throttling, RDS events, Route 53 health checks.',
    )
    .addOption(new Option('--json', 'print the versioned JSON answer'))
    .addOption(new Option('--config <file>', `suppressions and rule parameters (default: ./${CONFIG_FILE})`))
    .action(async (flags: HealthFlags) => {
      const config = flags.config
        ? await loadConfig(flags.config, configurableRules())
        : await loadConfig(CONFIG_FILE, configurableRules(), { optional: true });
      const source = await resolveSource(flags.source);
      const snapshot = await source.load(flags.source, sourceOptionsFrom(flags));
      const answer = health(snapshot, config);
      await write(flags.json ? renderHealthJson(answer) : renderHealthText(answer));
    });
}
