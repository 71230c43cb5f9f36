import { mkdir, mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, makeSnapshot, type Resource, type Snapshot } from '../../model/index.js';
import { generateScaledOrganisation, generateScaledResources } from '../demo/scale/index.js';
import { isSnapshotFile, readSnapshot, snapshotSource, streamSnapshot, writeSnapshot } from './index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cloudrounds-snapshot-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A small organisation with every kind of line: resources of many types, and coverage gaps. */
function sample(): Snapshot {
  const org = generateScaledOrganisation({ accounts: 4, resourcesPerAccount: 60 });
  return {
    ...org,
    coverage: [
      {
        kind: 'access-denied',
        message: 'iam:GetAccountAuthorizationDetails was denied',
        account: org.accounts[1]!.id,
      },
      { kind: 'region-disabled', message: 'ap-east-1 is not enabled', region: 'ap-east-1' },
    ],
  };
}

/** The InputError a promise rejects with. */
async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

async function lines(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n').slice(0, -1);
}

describe('writeSnapshot / readSnapshot', () => {
  it('round-trips a snapshot exactly', async () => {
    const snapshot = sample();
    const file = join(dir, 'round-trip.jsonl');
    const written = await writeSnapshot(snapshot, file);
    expect(written).toEqual({ file, resources: 240, gaps: 2 });
    expect(await readSnapshot(file)).toStrictEqual(snapshot);
  });

  it('writes the header first, then resources and gaps, then the end line', async () => {
    const file = join(dir, 'layout.jsonl');
    await writeSnapshot(sample(), file);
    const all = await lines(file);
    expect(all).toHaveLength(1 + 240 + 2 + 1);
    expect(all[0]).toMatch(/^\{"format":"cloudrounds-snapshot","schemaVersion":1,"takenAt":/);
    expect(all[1]).toMatch(/^\{"type":"AWS::IAM::RootAccount"/);
    expect(all[241]).toMatch(/^\{"gap":\{"kind":"access-denied"/);
    expect(all.at(-1)).toBe('{"end":true,"resources":240,"gaps":2}');
  });

  it('compresses with gzip for .gz names and detects gzip by its magic bytes, whatever the name', async () => {
    const snapshot = sample();
    const gz = join(dir, 'org.jsonl.gz');
    await writeSnapshot(snapshot, gz);
    const bytes = await readFile(gz);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(await readSnapshot(gz)).toStrictEqual(snapshot);

    const misnamed = join(dir, 'compressed-but-named.jsonl');
    await writeSnapshot(snapshot, misnamed, { gzip: true });
    expect(await readSnapshot(misnamed)).toStrictEqual(snapshot);
  });

  it('reads a hand-written file: origin filled in, accounts named by resources added to the header', async () => {
    const file = join(fixtures, 'minimal.jsonl');
    const snapshot = await snapshotSource.load(file, {});
    expect(snapshot.resources.map((r) => r.id)).toEqual(['vpc-0a1b2c3d4e5f67890', 'audit-logs']);
    expect(snapshot.resources[0]!.origin).toEqual({ source: 'snapshot', file, line: 2 });
    expect(snapshot.resources[1]!.origin).toEqual({ source: 'aws' });
    expect(snapshot.accounts).toEqual([
      { id: '111122223333', name: 'prod', role: 'workload' },
      { id: '444455556666' },
    ]);
    expect(snapshot.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(snapshot.coverage).toHaveLength(1);
  });

  it('keeps UTF-8 intact across read chunks, and lines longer than a chunk', async () => {
    const base = sample();
    const text = 'Zürich ☁️ 東京 😀 '.repeat(90_000); // ~2 MiB: one line spans chunks
    const unicode: Resource[] = base.resources.map((r, i) => ({
      ...r,
      tags: { ...r.tags, Owner: `équipe-${i} 🚀` },
      props: i % 50 === 7 ? { ...r.props, Description: text } : r.props,
    }));
    const snapshot = { ...base, resources: unicode };
    for (const name of ['unicode.jsonl', 'unicode.jsonl.gz']) {
      const file = join(dir, name);
      await writeSnapshot(snapshot, file);
      expect(await readSnapshot(file)).toStrictEqual(snapshot);
    }
  });

  it('accepts CRLF line endings and a file without a final newline', async () => {
    const text = (await readFile(join(fixtures, 'minimal.jsonl'), 'utf8')).trimEnd();
    const file = join(dir, 'crlf.jsonl');
    await writeFile(file, text.replaceAll('\n', '\r\n'));
    expect((await readSnapshot(file)).resources).toHaveLength(2);
  });

  it('streams resources to a visitor and reports progress', async () => {
    const file = join(dir, 'stream.jsonl');
    await writeSnapshot(topics(300_000), file);
    const progress: number[] = [];
    let seen = 0;
    const summary = await streamSnapshot(
      file,
      { resource: () => void seen++, gap: () => undefined },
      { onProgress: (e) => progress.push(e.done) },
    );
    expect(summary.resources).toBe(300_000);
    expect(seen).toBe(300_000);
    expect(progress).toEqual([100_000, 200_000, 300_000, 300_000]);
  });
});

describe('streaming generation through the writer', () => {
  it('writes 60,000 generated resources without holding them, and reads back the same sequence', async () => {
    const options = { accounts: 60, resourcesPerAccount: 1000 };
    let pulled = 0;
    function* counted(): Generator<Resource> {
      for (const r of generateScaledResources(options)) {
        pulled++;
        yield r;
      }
    }
    const file = join(dir, 'large.jsonl.gz');
    expect((await writeSnapshot(counted(), file)).resources).toBe(60_000);
    expect(pulled).toBe(60_000);

    // Compare against a second run of the generator, one resource at a time: neither side is an array.
    const again = generateScaledResources(options);
    let index = 0;
    await streamSnapshot(file, {
      resource(r) {
        const expected = again.next();
        if (expected.done) throw new Error('more resources read than generated');
        if (index++ % 997 === 0) expect(r).toStrictEqual(expected.value);
        else if (r.id !== expected.value.id) expect(r.id).toBe(expected.value.id);
      },
      gap: () => undefined,
    });
    expect(index).toBe(60_000);
    expect(again.next().done).toBe(true);
  });

  it('serialises each resource before pulling the next (a producer may reuse its objects)', async () => {
    const file = join(dir, 'reused.jsonl');
    await writeSnapshot(topics(50_000), file);
    const ids = (await readSnapshot(file)).resources.map((r) => r.id);
    expect(new Set(ids).size).toBe(50_000);
    expect(ids.at(-1)).toBe('topic-49999');
  });

  it('takes coverage gaps for a stream from a callback read after the last resource', async () => {
    const gaps: Array<{ kind: 'throttled'; message: string }> = [];
    async function* collect(): AsyncGenerator<Resource> {
      yield* generateScaledResources({ accounts: 1, resourcesPerAccount: 10 });
      gaps.push({ kind: 'throttled', message: 'ec2:DescribeInstances throttled in eu-west-1' });
    }
    const file = join(dir, 'async.jsonl');
    await writeSnapshot(collect(), file, { coverage: () => gaps, regions: ['eu-west-1'] });
    const snapshot = await readSnapshot(file);
    expect(snapshot.coverage).toEqual(gaps);
    expect(snapshot.resources).toHaveLength(10);
  });
});

describe('atomic writes', () => {
  async function tempFiles(): Promise<string[]> {
    return (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
  }

  it('leaves the target untouched when the source iterator throws mid-way', async () => {
    const file = join(dir, 'atomic.jsonl');
    await writeSnapshot(sample(), file);
    const before = await readFile(file);
    function* failing(): Generator<Resource> {
      let n = 0;
      for (const r of generateScaledResources({ accounts: 10, resourcesPerAccount: 10_000 })) {
        if (++n === 30_000) throw new Error('collector crashed');
        yield r;
      }
    }
    await expect(writeSnapshot(failing(), file)).rejects.toThrow('collector crashed');
    expect(await readFile(file)).toEqual(before);
    expect(await tempFiles()).toEqual([]);
  });

  it('reports a path it cannot write as an input error', async () => {
    const file = join(dir, 'no-such-directory', 'org.jsonl');
    const error = await inputError(writeSnapshot(sample(), file));
    expect(error.located).toBe(`${file}: cannot write snapshot file: ENOENT`);
  });

  it('writes optional fields set to undefined as absent, as JSON.stringify does', async () => {
    const file = join(dir, 'undefined-fields.jsonl');
    const resource = { ...sample().resources[5]!, arn: undefined, observed: undefined };
    await writeSnapshot(
      makeSnapshot([resource], [{ kind: 'throttled', message: 'm', line: undefined }]),
      file,
    );
    const read = await readSnapshot(file);
    expect(read.resources[0]).not.toHaveProperty('arn');
    expect(read.coverage).toEqual([{ kind: 'throttled', message: 'm' }]);
  });

  it('refuses a resource it could not read back, leaving no file behind', async () => {
    const file = join(dir, 'never-written.jsonl');
    const bad = {
      type: 'AWS::S3::Bucket',
      id: 'b',
      account: '1',
      region: 'r',
      tags: {},
      props: [],
    } as unknown as Resource;
    await expect(writeSnapshot(makeSnapshot([bad]), file)).rejects.toThrow(
      /resource #1 .*`props` must be an object/,
    );
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
    expect(await tempFiles()).toEqual([]);
  });
});

describe('bad files fail with the file and line', () => {
  async function written(name: string): Promise<string> {
    const file = join(dir, name);
    await writeSnapshot(sample(), file);
    return file;
  }

  it('a file cut at a line boundary: no end line', async () => {
    const file = await written('cut-at-line.jsonl');
    const all = await lines(file);
    await writeFile(file, all.slice(0, 100).join('\n') + '\n');
    const error = await inputError(readSnapshot(file));
    expect(error.file).toBe(file);
    expect(error.line).toBe(100);
    expect(error.message).toMatch(
      /ends after line 100 without the end line .*truncated \(99 resources and 0 gaps read\)/,
    );
  });

  it('a file cut in the middle of a line', async () => {
    const file = await written('cut-mid-line.jsonl');
    const all = await lines(file);
    const keep = all.slice(0, 50).join('\n').length + 1 + Math.floor(all[50]!.length / 2);
    await truncate(file, keep);
    const error = await inputError(readSnapshot(file));
    expect(error.line).toBe(51);
    expect(error.located).toBe(`${file}:51: the file ends in the middle of line 51: it is truncated`);
  });

  it('a truncated gzip file', async () => {
    const file = join(dir, 'cut.jsonl.gz');
    await writeSnapshot(sample(), file);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await inputError(readSnapshot(file));
    expect(error.file).toBe(file);
    expect(error.line).toBeGreaterThan(1);
    expect(error.message).toMatch(/^the gzip data ends early after line \d+: the file is truncated$/);
  });

  it('a corrupted gzip file', async () => {
    const file = join(dir, 'corrupt.jsonl.gz');
    const bytes = gzipSync(await readFile(join(fixtures, 'minimal.jsonl')));
    bytes.fill(0x55, 12, 40);
    await writeFile(file, bytes);
    const error = await inputError(readSnapshot(file));
    expect(error.located).toBe(`${file}:1: the gzip data is corrupt (invalid code lengths set)`);
  });

  it('a corrupted line', async () => {
    const file = await written('corrupt-line.jsonl');
    const all = await lines(file);
    all[2] = all[2]!.replace('"account":', '"account"');
    await writeFile(file, all.join('\n') + '\n');
    const error = await inputError(readSnapshot(file));
    expect(error.line).toBe(3);
    expect(error.column).toBeGreaterThan(1);
    expect(error.located).toMatch(new RegExp(`^${escape(file)}:3:\\d+: not valid JSON: `));
  });

  it('a line that is JSON but not a resource', async () => {
    const file = await written('wrong-shape.jsonl');
    const all = await lines(file);
    const cases: Array<[string, RegExp, string | undefined]> = [
      [
        '{"type":"AWS::S3::Bucket","id":7,"account":"1","region":"r","tags":{},"props":{}}',
        /`id` must be a non-empty string, not number 7/,
        'id',
      ],
      [
        '{"type":"AWS::S3::Bucket","id":"b","account":"1","region":"r","tags":{"a":1},"props":{}}',
        /`tags.a` must be a string/,
        'tags.a',
      ],
      [
        '{"type":"AWS::S3::Bucket","id":"b","account":"1","region":"r","tags":{},"props":{},"prop":{}}',
        /unknown key "prop"/,
        'prop',
      ],
      [
        '{"type":"AWS::S3::Bucket","id":"b","account":"1","tags":{},"props":{}}',
        /missing required key `region`/,
        'region',
      ],
      [
        '{"type":"AWS::S3::Bucket","id":"b","account":"1","region":"r","tags":{},"props":{},"origin":{"source":"excel"}}',
        /`origin.source` must be one of demo, /,
        'origin.source',
      ],
      ['{"gap":{"kind":"oops","message":"m"}}', /invalid gap line: `gap.kind` must be one of/, 'gap.kind'],
      ['[1,2]', /each line must be a JSON object/, undefined],
      ['{"hello":"world"}', /a line must be a resource/, undefined],
      ['', /empty line/, undefined],
    ];
    for (const [line, message, path] of cases) {
      const broken = [...all];
      broken[5] = line;
      await writeFile(file, broken.join('\n') + '\n');
      const error = await inputError(readSnapshot(file));
      expect([error.line, error.path, error.message]).toEqual([6, path, expect.stringMatching(message)]);
    }
  });

  it('end counts that disagree with the lines (a line lost in the middle)', async () => {
    const file = await written('lost-line.jsonl');
    const all = await lines(file);
    all.splice(10, 1);
    await writeFile(file, all.join('\n') + '\n');
    const error = await inputError(readSnapshot(file));
    expect(error.line).toBe(all.length);
    expect(error.message).toMatch(/end line counts 240 resources and 2 gaps, but the file holds 239 and 2/);
  });

  it('content after the end line', async () => {
    const file = await written('after-end.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')) + '{"end":true,"resources":0,"gaps":0}\n');
    const error = await inputError(readSnapshot(file));
    expect(error.line).toBe(245);
    expect(error.message).toMatch(/after the end line \(line 244\)/);
  });

  it('a schemaVersion this code does not read', async () => {
    const file = join(fixtures, 'schema-v2.jsonl');
    const error = await inputError(readSnapshot(file));
    expect([error.file, error.line, error.path]).toEqual([file, 1, 'schemaVersion']);
    expect(error.message).toBe(
      'snapshot schemaVersion 2 is not supported (this cloudrounds reads schemaVersion 1): it was written by a newer cloudrounds; upgrade cloudrounds to read it',
    );
  });

  it('a file that is not a snapshot, an empty file, a missing file', async () => {
    const json = join(dir, 'template.json');
    await writeFile(json, '{"AWSTemplateFormatVersion":"2010-09-09","Resources":{}}\n');
    expect((await inputError(readSnapshot(json))).message).toMatch(
      /^not a cloudrounds snapshot: line 1 must be the header/,
    );

    const empty = join(dir, 'empty.jsonl');
    await writeFile(empty, '');
    expect((await inputError(readSnapshot(empty))).message).toMatch(/the file is empty/);

    const missing = join(dir, 'missing.jsonl');
    expect((await inputError(readSnapshot(missing))).located).toBe(
      `${missing}: cannot open snapshot file: ENOENT`,
    );
  });
});

describe('isSnapshotFile', () => {
  it('recognises plain and gzip snapshots from their first bytes, and nothing else', async () => {
    const plain = join(dir, 'sniff.jsonl');
    const gz = join(dir, 'sniff.jsonl.gz');
    await writeSnapshot(sample(), plain);
    await writeSnapshot(sample(), gz);
    const template = join(dir, 'sniff-template.yaml');
    await writeFile(template, 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n');
    const otherGzip = join(dir, 'other.json.gz');
    await writeFile(otherGzip, gzipSync('{"Reservations":[]}'));
    const folder = join(dir, 'a-directory');
    await mkdir(folder);

    expect(await isSnapshotFile(plain)).toBe(true);
    expect(await isSnapshotFile(gz)).toBe(true);
    expect(await isSnapshotFile(join(fixtures, 'schema-v2.jsonl'))).toBe(true);
    expect(await isSnapshotFile(template)).toBe(false);
    expect(await isSnapshotFile(otherGzip)).toBe(false);
    expect(await isSnapshotFile(folder)).toBe(false);
    expect(await isSnapshotFile(join(dir, 'nope.jsonl'))).toBe(false);
  });
});

/** `count` small resources, all one reused object: a producer that streams and recycles. */
function* topics(count: number): Generator<Resource> {
  const reused: Resource = {
    type: 'AWS::SNS::Topic',
    id: '',
    account: '111122223333',
    region: 'eu-west-1',
    tags: {},
    props: {},
    origin: { source: 'demo' },
  };
  for (let i = 0; i < count; i++) {
    reused.id = `topic-${i}`;
    yield reused;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
