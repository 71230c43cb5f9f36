import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { CONFIG_FILE, loadConfig } from '../../engine/index.js';
import { configurableRules } from '../../questions/daily.js';
import {
  PRICE_SERVICES,
  anomalyCells,
  bundledPrices,
  priceFileSchema,
  type PriceBook,
  type PriceFile,
  type PriceService,
  type SpendInput,
} from '../../cost/index.js';
import {
  OFFERS,
  offerUrl,
  priceFilesFrom,
  pricesFromOffer,
  type OfferFile,
} from '../../cost/prices/offer.js';
import { InputError } from '../../model/index.js';
import { cost } from '../../questions/cost.js';
import { renderCostJson, renderCostText } from '../../report/daily/cost.js';
import { resolveSource } from '../../sources/index.js';
import { addSourceOptions, commaList, type SourceFlags, sourceOptionsFrom } from '../options.js';
import { write } from '../output.js';

/** Where `prices refresh` writes, and where every command looks for refreshed prices first. */
export function pricesDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.CLOUDROUNDS_HOME ? resolve(env.CLOUDROUNDS_HOME) : join(env.HOME ?? '.', '.cloudrounds');
  return join(home, 'prices');
}

/** The bundled prices, with any service refreshed by `prices refresh` replacing its bundled file. */
export async function loadPriceBook(dir = pricesDir()): Promise<PriceBook> {
  const overrides: Partial<Record<PriceService, PriceFile>> = {};
  for (const service of PRICE_SERVICES) {
    const file = join(dir, `${service}.json`);
    if (!existsSync(file)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new InputError(`not JSON: ${error instanceof Error ? error.message : String(error)}`, { file });
    }
    const result = priceFileSchema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new InputError(`not a price file: ${issue.message}`, { file, path: issue.path.join('.') });
    }
    overrides[service] = result.data;
  }
  return bundledPrices(overrides);
}

/**
 * The spend history for a run: `--cur PATH` when given, the demo organisation's bundled CUR for
 * `--source demo`, Cost Explorer's daily spend for `--source aws` when `aws` settings are passed,
 * else none. DuckDB is imported lazily, only when a CUR is read.
 */
export async function loadSpend(
  cur: string | undefined,
  sourceKind: string,
  demoScaled: boolean,
  aws?: { profile?: string; endpointUrl?: string },
): Promise<SpendInput | undefined> {
  if (cur === undefined && sourceKind === 'aws' && aws) {
    const { costExplorerSpend } = await import('../../sources/aws/cost-explorer.js');
    try {
      return await costExplorerSpend({
        ...(aws.profile ? { profile: aws.profile } : {}),
        ...(aws.endpointUrl ? { endpoint: aws.endpointUrl } : {}),
      });
    } catch (error) {
      // Cost Explorer is optional (it needs ce:GetCostAndUsage and costs $0.01 a call): say why
      // the spend analyses are missing instead of failing the whole command.
      process.stderr.write(
        `cost: Cost Explorer not read (${error instanceof Error ? error.name : 'error'}: ${error instanceof Error ? error.message : String(error)}); spend anomalies need --cur\n`,
      );
      return undefined;
    }
  }
  if (cur !== undefined) {
    const { aggregateCur } = await import('../../store/cur/index.js');
    return aggregateCur({ path: cur }, { driversFor: anomalyCells });
  }
  if (sourceKind === 'demo' && !demoScaled) {
    const [{ aggregateCur }, { demoCurLineItems }] = await Promise.all([
      import('../../store/cur/index.js'),
      import('../../sources/demo/index.js'),
    ]);
    return aggregateCur(
      { rows: demoCurLineItems(), label: 'demo CUR (bundled, synthetic)' },
      { driversFor: anomalyCells },
    );
  }
  return undefined;
}

interface CostFlags extends SourceFlags {
  cur?: string;
  json?: boolean;
  config?: string;
}

export function costCommand(): Command {
  return addSourceOptions(new Command('cost'))
    .description(
      'What the accounts pay for nothing (idle and orphaned resources with their monthly price) and, from a CUR, ' +
        'spend anomalies and Savings Plans / Reserved Instances advice.',
    )
    .addOption(new Option('--cur <path>', 'a CUR 2.0 export (Parquet or CSV file, glob or directory)'))
    .addOption(new Option('--json', 'print the versioned JSON answer'))
    .addOption(new Option('--config <file>', `suppressions and rule parameters (default: ./${CONFIG_FILE})`))
    .action(async (flags: CostFlags) => {
      const config = flags.config
        ? await loadConfig(flags.config, configurableRules())
        : await loadConfig(CONFIG_FILE, configurableRules(), { optional: true });
      const source = await resolveSource(flags.source);
      const snapshot = await source.load(flags.source, sourceOptionsFrom(flags));
      const scaled = flags.accounts !== undefined || flags.resourcesPerAccount !== undefined;
      const [prices, cur] = await Promise.all([
        loadPriceBook(),
        loadSpend(flags.cur, source.kind, scaled, {
          ...(flags.profile ? { profile: flags.profile } : {}),
          ...(flags.endpointUrl ? { endpointUrl: flags.endpointUrl } : {}),
        }),
      ]);
      const answer = cost({ snapshot, config, prices, ...(cur ? { cur } : {}) });
      await write(flags.json ? renderCostJson(answer) : renderCostText(answer));
    });
}

interface RefreshFlags {
  endpoint: string;
  regions?: string[];
  out?: string;
}

/** The Bulk API's public endpoint (no credentials). */
export const PRICE_LIST_ENDPOINT = 'https://pricing.us-east-1.amazonaws.com';

export function pricesCommand(): Command {
  const refresh = new Command('refresh')
    .description(
      'Download the AWS Price List offer files (public, no credentials) for the regions and write the price files ' +
        'cloudrounds uses instead of its bundled ones.',
    )
    .addOption(
      new Option('--endpoint <url>', 'the Price List Bulk API endpoint').default(PRICE_LIST_ENDPOINT),
    )
    .addOption(
      new Option('--regions <list>', 'comma-separated regions (default: the bundled ones)').argParser(
        commaList,
      ),
    )
    .addOption(
      new Option(
        '--out <dir>',
        'where to write (default: $CLOUDROUNDS_HOME/prices or ~/.cloudrounds/prices)',
      ),
    )
    .action(async (flags: RefreshFlags) => {
      const base = bundledPrices().files;
      const regions =
        flags.regions ??
        [...new Set(Object.values(base).flatMap((f) => Object.keys(f.regions)))].filter(
          (r) => r !== 'global',
        );
      const offers: Parameters<typeof priceFilesFrom>[1][number][] = [];
      for (const offerCode of Object.keys(OFFERS)) {
        for (const region of regions) {
          const url = offerUrl(flags.endpoint, offerCode, region);
          const response = await fetch(url);
          if (response.status === 404) continue; // the service is not offered in the region
          if (!response.ok)
            throw new InputError(`Price List request failed: HTTP ${response.status}`, { file: url });
          const offer = (await response.json()) as OfferFile;
          offers.push({ region, url, offer, prices: pricesFromOffer(offer, offerCode) });
        }
      }
      const files = priceFilesFrom(base, offers);
      const dir = flags.out ?? pricesDir();
      await mkdir(dir, { recursive: true });
      const written: string[] = [];
      for (const [service, file] of Object.entries(files)) {
        const path = join(dir, `${service}.json`);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, JSON.stringify(file, null, 2) + '\n');
        const n = Object.values(file.regions).reduce((k, r) => k + Object.keys(r).length, 0);
        written.push(
          `${path}: ${n} prices in ${Object.keys(file.regions).length} region(s), ${file.priceDate}`,
        );
      }
      await write((written.length ? written : ['no price found in the offer files']).join('\n') + '\n');
    });
  return new Command('prices')
    .description('Public on-demand prices used to price waste.')
    .addCommand(refresh);
}
