// Regenerates the bundled price files (src/cost/prices/*.json) from AWS Price List offer files.
// The Bulk API needs no credentials; download the regional offer files first, e.g.
//
//   for o in AmazonEC2 AmazonVPC AWSELB AmazonRDS AmazonDynamoDB AmazonS3; do
//     for r in us-east-1 us-west-2 eu-west-1 ap-southeast-1; do
//       mkdir -p offers/$o/$r
//       curl -sfo offers/$o/$r/index.json \
//         https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/$o/current/$r/index.json
//     done
//   done
//   node scripts/prices-generate.mjs offers [--out src/cost/prices]
//
// The layout is <dir>/<offerCode>/<region>/index.json. Services without an offer file keep their
// bundled file; `cloudrounds prices refresh` does the same download and conversion at run time.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
const outAt = args.indexOf('--out');
const out = resolve(outAt >= 0 ? args[outAt + 1] : join(root, 'src', 'cost', 'prices'));
if (!dir || !existsSync(dir)) {
  console.error(
    'usage: node scripts/prices-generate.mjs OFFERS_DIR [--out DIR]   (OFFERS_DIR/<offerCode>/<region>/index.json)',
  );
  process.exit(2);
}

// The TypeScript sources are loaded through Vite's module runner (as scripts/generate-rule-docs.mjs does).
const importTs = async (file) =>
  (await runnerImport(join(root, file), { configFile: false, logLevel: 'error', root })).module;
const { bundledPrices } = await importTs('src/cost/prices/index.ts');
const { OFFERS, offerUrl, priceFilesFrom, pricesFromOffer } = await importTs('src/cost/prices/offer.ts');

const offers = [];
for (const offerCode of Object.keys(OFFERS)) {
  const offerDir = join(dir, offerCode);
  if (!existsSync(offerDir)) continue;
  for (const region of (await readdir(offerDir)).sort()) {
    const file = join(offerDir, region, 'index.json');
    if (!existsSync(file)) continue;
    const offer = JSON.parse(await readFile(file, 'utf8'));
    const url = offerUrl('https://pricing.us-east-1.amazonaws.com', offerCode, region);
    offers.push({ region, url, offer, prices: pricesFromOffer(offer, offerCode) });
  }
}
const files = priceFilesFrom(bundledPrices().files, offers);
for (const [service, file] of Object.entries(files)) {
  const path = join(out, `${service}.json`);
  await writeFile(path, JSON.stringify(file, null, 2) + '\n');
  const n = Object.values(file.regions).reduce((k, r) => k + Object.keys(r).length, 0);
  console.log(`${path}: ${n} prices, ${Object.keys(file.regions).length} region(s), ${file.priceDate}`);
}
if (Object.keys(files).length === 0) console.log('no offer file found under', dir);
