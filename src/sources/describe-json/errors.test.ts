import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { tempTree } from './fixtures/tree.js';
import { loadDescribeJson } from './index.js';
import { locateItems, parseJson } from './json.js';

const vpcs = { Vpcs: [{ VpcId: 'vpc-ok', CidrBlock: '10.0.0.0/16', OwnerId: '123456789012' }] };

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('bad input', () => {
  it('fails on a malformed file given alone, with the file, line and column', async () => {
    const root = tempTree({ 'vpcs.json': '{\n  "Vpcs": [\n    {"VpcId": "vpc-1",}\n  ]\n}\n' });
    const error = await inputError(loadDescribeJson(join(root, 'vpcs.json')));
    expect(error.file).toBe('vpcs.json');
    expect([error.line, error.column]).toEqual([3, 23]);
    expect(error.located).toMatch(/^vpcs\.json:3:23: invalid JSON/);
  });

  it('reports the end of a truncated file as the place', () => {
    const text = '{\n  "Subnets": [\n    {"SubnetId": "subnet-1"';
    let error: unknown;
    try {
      parseJson(text, 'subnets.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain('truncated');
    expect((error as InputError).line).toBe(3);
  });

  it('loads the rest of a directory when one file is truncated, with a parse-error gap', async () => {
    const root = tempTree({
      'good.json': vpcs,
      'subnets.json': '{\n  "Subnets": [\n    {"SubnetId": "subnet-1", "VpcId": "vpc-ok"',
    });
    const snapshot = await loadDescribeJson(root);
    expect(snapshot.resources.map((r) => r.id)).toEqual(['vpc-ok']);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'parse-error', file: 'subnets.json', line: 3 }),
    ]);
    expect(snapshot.coverage[0]?.message).toMatch(/^subnets\.json: invalid JSON.*truncated.*line 3/);
  });

  it('records unknown and non-JSON files as skipped, naming what was found', async () => {
    const root = tempTree({
      'good.json': vpcs,
      'billing.json': { Invoices: [], Period: '2024-01' },
      'README.txt': 'notes',
      'empty.json': '',
      'denied.json':
        'An error occurred (UnauthorizedOperation) when calling the DescribeVolumes operation: denied',
      'mixed.json': { Subnets: [], Surprise: 1 },
      'events.json': {
        Rules: [{ Name: 'nightly', Arn: 'arn:aws:events:eu-west-1:123456789012:rule/nightly' }],
      },
      'get-bucket-versioning.json': { Status: 'Enabled' },
    });
    const snapshot = await loadDescribeJson(root);
    expect(snapshot.resources.map((r) => r.id)).toEqual(['vpc-ok']);
    const gaps = Object.fromEntries(snapshot.coverage.map((g) => [g.file, [g.kind, g.message]]));
    expect(gaps).toEqual({
      'billing.json': [
        'skipped-file',
        'billing.json: not describe output this source reads (top-level keys: Invoices, Period)',
      ],
      'README.txt': ['skipped-file', 'README.txt: not a .json file'],
      'empty.json': ['skipped-file', 'empty.json: empty file'],
      'denied.json': [
        'access-denied',
        'denied.json: holds an AWS CLI error (UnauthorizedOperation), not output',
      ],
      'mixed.json': ['skipped-file', 'mixed.json: top-level keys not read: Surprise'],
      'events.json': [
        'skipped-file',
        'events.json: not describe output this source reads (top-level keys: Rules)',
      ],
      'get-bucket-versioning.json': [
        'skipped-file',
        'get-bucket-versioning.json: per-bucket s3api output is read from s3/<bucket>/<command>.json, which names the bucket',
      ],
    });
  });

  it('reports an item without its id with the JSON path and line, and loads the others', async () => {
    const root = tempTree({
      'sgs.json': { SecurityGroups: [{ GroupName: 'no-id' }, { GroupId: 'sg-1', GroupName: 'ok' }] },
    });
    const snapshot = await loadDescribeJson(root);
    expect(snapshot.resources.map((r) => r.id)).toEqual(['sg-1']);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'parse-error', file: 'sgs.json', path: 'SecurityGroups[0]', line: 3 }),
    ]);
  });

  it('fails when nothing can be loaded: a directory of broken files, or of no describe output', async () => {
    const broken = tempTree({ 'a.json': '{"Vpcs": [', 'b.json': '{"Vpcs": [}' });
    expect((await inputError(loadDescribeJson(broken))).file).toBe('a.json');
    const nothing = tempTree({ 'notes.md': '# nothing', 'other.json': { Hello: 'world' } });
    expect((await inputError(loadDescribeJson(nothing))).message).toMatch(
      /no saved AWS describe output found/,
    );
    await inputError(loadDescribeJson(join(nothing, 'missing')));
  });
});

describe('item lines', () => {
  it('finds the line of every array element, nested ones included', () => {
    const text = JSON.stringify(
      {
        Reservations: [{ Instances: [{ InstanceId: 'i-1' }, { InstanceId: 'i-2' }] }],
        Vpcs: ['a', { VpcId: 'v' }],
      },
      null,
      2,
    );
    const lines = locateItems(text);
    expect(lines.get('Reservations[0]')).toBe(3);
    expect(lines.get('Reservations[0].Instances[0]')).toBe(5);
    expect(lines.get('Reservations[0].Instances[1]')).toBe(8);
    expect(lines.get('Vpcs[1]')).toBe(16);
  });

  it('is not misled by brackets and quotes inside strings', () => {
    const text = '{"Vpcs": [\n{"Description": "a [tricky] \\"{\\" value, with commas"},\n{"VpcId": "v"}]}';
    expect(locateItems(text).get('Vpcs[1]')).toBe(3);
  });
});
