import { Command, InvalidArgumentError, Option } from 'commander';
import { CONFIG_FILE } from '../../engine/index.js';
import { addSourceOptions, type SourceFlags, sourceOptionsFrom } from '../options.js';

interface ServeFlags extends SourceFlags {
  port: number;
  host: string;
  db?: string;
  /** False with --no-store. */
  store: boolean;
  record?: boolean;
  config?: string;
  cur?: string;
  web?: string;
}

/** `cloudrounds serve`: the local dashboard over everything the daily rounds answer. See docs/serve.md. */
export function serveCommand(): Command {
  return addSourceOptions(new Command('serve'))
    .description(
      'Serve the local dashboard and its JSON API (127.0.0.1 only unless --host; a token is then required).',
    )
    .addOption(new Option('--port <n>', 'TCP port (0: any free port)').argParser(port).default(4780))
    .addOption(
      new Option(
        '--host <address>',
        'address to bind; anything but loopback requires the printed token',
      ).default('127.0.0.1'),
    )
    .addOption(
      new Option(
        '--db <file>',
        'the history database: trend across runs, and logs (default: the default store when it exists)',
      ),
    )
    .addOption(new Option('--no-store', 'use no history database'))
    .addOption(new Option('--record', 'record this evaluation as a run in the store, as daily does'))
    .addOption(
      new Option(
        '--config <file>',
        `suppressions and rule parameters; suppressions are written here (default: ./${CONFIG_FILE})`,
      ),
    )
    .addOption(new Option('--cur <path>', 'a CUR 2.0 export for spend anomalies and commitment advice'))
    .addOption(new Option('--web <dir>', 'serve the front end from this directory (default: the built one)'))
    .action(async (flags: ServeFlags) => {
      const { startServer } = await import('../../server/index.js');
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const server = await startServer({
        source: flags.source,
        sourceOptions: sourceOptionsFrom(flags),
        db: flags.store ? flags.db : false,
        record: flags.record === true,
        ...(flags.config !== undefined ? { configFile: flags.config } : {}),
        ...(flags.cur !== undefined ? { cur: flags.cur } : {}),
        ...(flags.web !== undefined ? { webRoot: flags.web } : {}),
        port: flags.port,
        host: flags.host,
        log,
      });
      if (server.exposed) {
        // Printed once: the token is new at every start and never written anywhere else.
        log(`cloudrounds dashboard on ${server.url} (exposed beyond this machine: the token is required)`);
        log(`open ${server.url}?token=${server.token}`);
        log(`API clients: Authorization: Bearer ${server.token}`);
      } else {
        log(`cloudrounds dashboard on ${server.url}`);
      }
      log('press Ctrl-C to stop');
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`expected a port 0-65535, got '${value}'`);
  return n;
}
