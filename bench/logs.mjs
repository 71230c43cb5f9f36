// Log engine benchmark: generates synthetic CloudTrail (gzip `{"Records":[...]}` files, >= 2 GB
// uncompressed at full size) and VPC flow logs (20 million records, gzip text with a header), ingests
// them into a fresh store, and compares with the floors measured in the same run:
//   - ingest MB/s (uncompressed) against `zcat files > /dev/null` on the same files;
//   - three questions against `zcat | jq` (CloudTrail) and `zcat | awk` (flow logs) doing the same.
// Runs from the built dist/ (`npm run bench:logs`). See bench/README.md.
//
//   node bench/logs.mjs [--scale F] [--dir D] [--keep] [--json]
//   node bench/logs.mjs --scale 0.02       # quick: about 40 MB of CloudTrail, 400,000 flow records
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Buffer } from 'node:buffer';
import { gzipSync } from 'node:zlib';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const TARGET_INGEST = 0.8; // ingest rate >= 0.8x the zcat rate
const TARGET_QUERY = 10; // every question >= 10x faster than jq / awk once ingested

const scale = Number(args.scale);
const CT_BYTES = Math.round(2.05 * 1024 ** 3 * scale);
const FLOW_RECORDS = Math.round(20_000_000 * scale);
const root = args.dir ?? join(tmpdir(), `cloudrounds-bench-logs-${process.pid}`);
const ctDir = join(root, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2026', '01', '02');
const flowDir = join(root, 'AWSLogs', '111122223333', 'vpcflowlogs', 'us-east-1', '2026', '01', '02');
const dbPath = join(root, 'bench.duckdb');

const { openLogStore } = await import('../dist/store/logs/index.js');
const { logIngestSql } = await import('../dist/logs/ingest-sql.js');
const { logQuestionSql, logQuestionParams } = await import('../dist/questions/logs.js');

// ---------------------------------------------------------------------------------------------
// Synthetic data (deterministic)
// ---------------------------------------------------------------------------------------------

// mulberry32: small, fast and good enough for test data.
let seed = 42;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(rand() * list.length)];
const hexRaw = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
// Pools of random strings: generating gigabytes must not be slower than the thing measured.
const POOL = new Map();
const hex = (n) => {
  let pool = POOL.get(n);
  if (!pool) POOL.set(n, (pool = Array.from({ length: 4096 }, () => hexRaw(n))));
  return pool[Math.floor(rand() * 4096)];
};

const USERS = Array.from({ length: 200 }, (_, i) => `user-${i}`);
const EVENTS = [
  ['ec2.amazonaws.com', 'DescribeInstances', true],
  ['ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', false],
  ['ec2.amazonaws.com', 'RevokeSecurityGroupIngress', false],
  ['s3.amazonaws.com', 'GetObject', true],
  ['s3.amazonaws.com', 'PutBucketPolicy', false],
  ['iam.amazonaws.com', 'ListUsers', true],
  ['iam.amazonaws.com', 'CreateAccessKey', false],
  ['sts.amazonaws.com', 'AssumeRole', true],
  ['kms.amazonaws.com', 'Decrypt', true],
  ['cloudtrail.amazonaws.com', 'LookupEvents', true],
];
const TARGET_SG = 'sg-0bench000000000001';

function ctRecord(i, t) {
  const user = pick(USERS);
  const [source, name, readOnly] = pick(EVENTS);
  const denied = rand() < 0.03;
  const sg = rand() < 0.001 ? TARGET_SG : `sg-0${hex(16)}`;
  const key = hex(16).toUpperCase();
  // Written as text in CloudTrail's own key order (JSON.stringify of objects is the slow part).
  return (
    `{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDA${key}","arn":"arn:aws:iam::111122223333:user/${user}",` +
    `"accountId":"111122223333","accessKeyId":"AKIA${key}","userName":"${user}","sessionContext":{"sessionIssuer":{},"webIdFederationData":{},` +
    `"attributes":{"creationDate":"${t}","mfaAuthenticated":"false"}}},"eventTime":"${t}","eventSource":"${source}","eventName":"${name}",` +
    `"awsRegion":"us-east-1","sourceIPAddress":"198.51.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}",` +
    `"userAgent":"aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2 prompt/off command/ec2.describe-instances",` +
    (denied
      ? `"errorCode":"${pick(['AccessDenied', 'Client.UnauthorizedOperation'])}","errorMessage":"User is not authorized to perform this operation",`
      : '') +
    `"requestParameters":{"groupId":"${sg}","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":443,"toPort":443,"ipRanges":{"items":[{"cidrIp":"10.0.0.0/8"}]}}]},"filterSet":{},"maxResults":1000},` +
    `"responseElements":${readOnly ? 'null' : `{"requestId":"${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}","_return":true}`},` +
    `"requestID":"${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}","eventID":"${hex(8)}-${hex(4)}-${(i >>> 16).toString(16).padStart(4, '0')}-${(i & 0xffff).toString(16).padStart(4, '0')}-${hex(12)}",` +
    `"readOnly":${readOnly},"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management",` +
    `"tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"${source.split('.')[0]}.us-east-1.amazonaws.com"}}`
  );
}

function generateCloudTrail() {
  mkdirSync(ctDir, { recursive: true });
  const files = [];
  let bytes = 0;
  let i = 0;
  const perFile = 8 * 1024 * 1024; // CloudTrail files are up to tens of MB; 8 MB is typical of busy accounts
  const start = Date.parse('2026-01-02T00:00:00Z');
  while (bytes < CT_BYTES) {
    const records = [];
    let size = 14;
    while (size < perFile && bytes + size < CT_BYTES + perFile) {
      const t = new Date(start + Math.floor(i / 8) * 1000).toISOString().replace('.000Z', 'Z');
      const text = ctRecord(i++, t);
      records.push(text);
      size += text.length + 1;
    }
    const doc = `{"Records":[${records.join(',')}]}`;
    const name = `111122223333_CloudTrail_us-east-1_20260102T${String(files.length).padStart(4, '0')}Z_${hex(16)}.json.gz`;
    const path = join(ctDir, name);
    writeFileSync(path, gzipSync(doc, { level: 1 }));
    files.push(path);
    bytes += Buffer.byteLength(doc);
  }
  return { files, bytes, records: i };
}

const TARGET_IP = '10.0.7.7';

function generateFlow() {
  mkdirSync(flowDir, { recursive: true });
  const header =
    'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
  const perFile = 500_000;
  const files = [];
  let bytes = 0;
  const t0 = 1767312000;
  for (let n = 0, f = 0; n < FLOW_RECORDS; f++) {
    const lines = [header];
    const count = Math.min(perFile, FLOW_RECORDS - n);
    for (let k = 0; k < count; k++, n++) {
      const reject = rand() < 0.2;
      const src = rand() < 0.001 ? TARGET_IP : `10.0.${Math.floor(rand() * 64)}.${Math.floor(rand() * 255)}`;
      const dst = `172.16.${Math.floor(rand() * 16)}.${Math.floor(rand() * 255)}`;
      const start = t0 + Math.floor(n / 2000);
      lines.push(
        `2 111122223333 eni-0${hex(16)} ${src} ${dst} ${1024 + Math.floor(rand() * 60000)} ${pick([22, 80, 443, 3306, 5432, 8080])} 6 ${1 + Math.floor(rand() * 50)} ${40 + Math.floor(rand() * 60000)} ${start} ${start + 60} ${reject ? 'REJECT' : 'ACCEPT'} OK`,
      );
    }
    const text = lines.join('\n') + '\n';
    const path = join(
      flowDir,
      `111122223333_vpcflowlogs_us-east-1_fl-0bench_20260102T${String(f).padStart(4, '0')}Z_${hex(8)}.log.gz`,
    );
    writeFileSync(path, gzipSync(text, { level: 1 }));
    files.push(path);
    bytes += Buffer.byteLength(text);
  }
  return { files, bytes, records: FLOW_RECORDS };
}

// ---------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------

function timeShell(script) {
  const start = performance.now();
  const out = execFileSync('sh', ['-c', script], { maxBuffer: 1 << 30, encoding: 'utf8' });
  return { seconds: (performance.now() - start) / 1000, out: out.trim() };
}

const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
const haveJq = spawnSync('sh', ['-c', 'command -v jq']).status === 0;

function log(text) {
  if (!args.json) console.log(text);
}

// A reused --dir starts empty: files of an earlier generation would be ingested too.
rmSync(dbPath, { force: true });
rmSync(join(root, 'AWSLogs'), { recursive: true, force: true });
log(
  `Generating ${(CT_BYTES / 1e9).toFixed(2)} GB of CloudTrail and ${FLOW_RECORDS.toLocaleString('en-US')} flow records in ${root} ...`,
);
let t = performance.now();
const ct = generateCloudTrail();
const flow = generateFlow();
log(
  `  generated in ${((performance.now() - t) / 1000).toFixed(0)} s: ${ct.files.length} CloudTrail files (${ct.records.toLocaleString('en-US')} records), ${flow.files.length} flow files`,
);

const zcat = (files) => timeShell(`zcat -- ${files.map(quote).join(' ')} > /dev/null`).seconds;

const results = { scale, cloudtrail: {}, flow: {}, questions: [] };

const store = await openLogStore(dbPath);
for (const [kind, data, dir] of [
  ['cloudtrail', ct, ctDir],
  ['flow', flow, flowDir],
]) {
  const floor = zcat(data.files);
  t = performance.now();
  const report = await store.ingestPaths([dir], logIngestSql());
  const seconds = (performance.now() - t) / 1000;
  const mbps = data.bytes / 1e6 / seconds;
  const zmbps = data.bytes / 1e6 / floor;
  results[kind] = {
    files: data.files.length,
    records: report.records[kind],
    uncompressedMB: data.bytes / 1e6,
    ingestSeconds: seconds,
    ingestMBps: mbps,
    zcatSeconds: floor,
    zcatMBps: zmbps,
    ratio: mbps / zmbps,
  };
  log(
    `Ingest ${kind}: ${report.records[kind].toLocaleString('en-US')} records, ${(data.bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s = ${mbps.toFixed(0)} MB/s; zcat ${floor.toFixed(1)} s = ${zmbps.toFixed(0)} MB/s; ratio ${(mbps / zmbps).toFixed(2)}x (target >= ${TARGET_INGEST}x)`,
  );
}

const ctFiles = ct.files.map(quote).join(' ');
const flowFiles = flow.files.map(quote).join(' ');
const questions = [
  {
    name: `who --resource ${TARGET_SG}`,
    sql: logQuestionSql(
      'who',
      logQuestionParams.who.parse({ resource: TARGET_SG, limit: 1000000 }),
      'duckdb',
    ),
    // The same: write events whose requestParameters, responseElements or resources mention the id.
    baseline: haveJq
      ? `zcat -- ${ctFiles} | jq -c --arg id ${TARGET_SG} '.Records[] | select((.readOnly | not) and (([.requestParameters, .responseElements, .resources] | tostring) | contains($id))) | [.eventTime, .eventName, .userIdentity.arn, .sourceIPAddress]' | wc -l`
      : undefined,
    tool: 'jq',
  },
  {
    name: 'denied',
    sql: logQuestionSql('denied', logQuestionParams.denied.parse({ limit: 1000000 }), 'duckdb'),
    baseline: haveJq
      ? `zcat -- ${ctFiles} | jq -c '.Records[] | select(.errorCode != null and (.errorCode | test("AccessDenied|UnauthorizedOperation|NotAuthorized"))) | [.userIdentity.arn, .eventSource, .eventName]' | sort | uniq -c | wc -l`
      : undefined,
    tool: 'jq',
  },
  {
    name: `rejected --ip ${TARGET_IP}`,
    sql: logQuestionSql(
      'rejected',
      logQuestionParams.rejected.parse({ ip: TARGET_IP, limit: 1000000 }),
      'duckdb',
    ),
    baseline: `zcat -- ${flowFiles} | awk '$13 == "REJECT" && ($4 == "${TARGET_IP}" || $5 == "${TARGET_IP}") { print $3, $4, $5, $7, $8 }' | sort | uniq -c | wc -l`,
    tool: 'zcat | awk',
  },
];

for (const q of questions) {
  t = performance.now();
  const { rows } = await store.query(q.sql);
  const seconds = (performance.now() - t) / 1000;
  let baseline;
  let baseRows;
  if (q.baseline) {
    const run = timeShell(q.baseline);
    baseline = run.seconds;
    baseRows = Number(run.out);
  }
  const ratio = baseline === undefined ? undefined : baseline / seconds;
  results.questions.push({
    name: q.name,
    rows: rows.length,
    seconds,
    baseline: q.tool,
    baselineSeconds: baseline,
    baselineRows: baseRows,
    ratio,
  });
  log(
    `Question ${q.name}: ${rows.length} rows in ${seconds.toFixed(3)} s; ${q.tool} ${baseline === undefined ? 'absent' : `${baseline.toFixed(1)} s (${baseRows} rows)`}; ${ratio === undefined ? '' : `${ratio.toFixed(0)}x faster`} (target >= ${TARGET_QUERY}x)`,
  );
}
store.close();

const pass =
  results.cloudtrail.ratio >= TARGET_INGEST &&
  results.flow.ratio >= TARGET_INGEST &&
  results.questions.every((q) => q.ratio === undefined || q.ratio >= TARGET_QUERY);
results.pass = pass;
if (!haveJq) log('jq is not installed: the CloudTrail questions have no jq baseline.');
if (args.json) console.log(JSON.stringify(results, null, 2));
else console.log(pass ? 'PASS' : 'FAIL');
if (!args.keep && !args.dir) rmSync(root, { recursive: true, force: true });
