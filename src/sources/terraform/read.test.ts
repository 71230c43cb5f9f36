import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { isTerraformPlanJson, looksLikeTerraformDir, terraformSource } from './index.js';
import { decodeText, parseJson } from './read.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

function utf16(text: string, endian: 'le' | 'be', bom = true): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const body = endian === 'le' ? le : Buffer.from(le.map((_, i) => le[i ^ 1] ?? 0));
  const mark = endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return Buffer.concat([Buffer.from(bom ? mark : []), body]);
}

describe('decodeText', () => {
  const text = '{"a": "é ✓"}';
  it.each([
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-16 LE with BOM', utf16(text, 'le')],
    ['UTF-16 BE with BOM', utf16(text, 'be')],
    ['UTF-16 LE without BOM', utf16(text, 'le', false)],
    ['UTF-16 BE without BOM', utf16(text, 'be', false)],
  ])('decodes %s', (_name, bytes) => {
    expect(decodeText(bytes, 'x.json')).toBe(text);
  });

  it('rejects bytes that are not text', () => {
    expect(() => decodeText(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), 'x.json')).toThrow(InputError);
  });
});

describe('parseJson', () => {
  it('reports where JSON stops being JSON', () => {
    const error = (() => {
      try {
        parseJson('{\n  "a": 1,\n  "b": ]\n}', 'bad.json');
      } catch (e) {
        return e as InputError;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error?.file).toBe('bad.json');
    expect(error?.line).toBe(3);
    expect(error?.column).toBe(8);
  });
});

describe('loading plans in other encodings', () => {
  it('gives the same model for UTF-8, UTF-8 with BOM, UTF-16 LE and UTF-16 BE', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tf-encodings-'));
    const text = await readFile(fixture('equivalence/plan.json'), 'utf8');
    const variants = {
      'utf8.json': Buffer.from(text, 'utf8'),
      'utf8bom.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      'utf16le.json': utf16(text, 'le'),
      'utf16be.json': utf16(text, 'be'),
    };
    const models: unknown[] = [];
    for (const [name, bytes] of Object.entries(variants)) {
      await writeFile(join(dir, name), bytes);
      expect(await isTerraformPlanJson(join(dir, name))).toBe(true);
      const snapshot = await terraformSource.load(join(dir, name), {});
      models.push(
        snapshot.resources.map((r) => [
          r.id,
          JSON.parse(JSON.stringify(r.props).replaceAll(name, 'plan.json')) as unknown,
        ]),
      );
    }
    expect(models[0]).toHaveLength(9);
    for (const m of models.slice(1)) expect(m).toEqual(models[0]);
  });
});

describe('bad input', () => {
  it('rejects JSON that is not a plan or state, naming what it found', async () => {
    const error = await terraformSource.load(fixture('not-a-plan.json'), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).located).toMatch(
      /^not-a-plan\.json: not a Terraform plan or state: .*found keys AWSTemplateFormatVersion, Resources \(at \$\)$/,
    );
  });

  it('rejects a truncated plan at the end of the text', async () => {
    const error = await terraformSource.load(fixture('truncated-plan.txt'), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe('truncated-plan.txt');
    expect((error as InputError).line).toBeGreaterThan(5);
  });

  it('rejects a resource without an address, at its JSON path', async () => {
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ type: 'aws_vpc', name: 'x' }] } },
    };
    const dir = await mkdtemp(join(tmpdir(), 'tf-bad-'));
    await writeFile(join(dir, 'plan.json'), JSON.stringify(plan));
    const error = await terraformSource.load(join(dir, 'plan.json'), {}).catch((e: unknown) => e);
    expect((error as InputError).path).toBe('planned_values.root_module.resources[0].address');
  });

  it('rejects a missing file', async () => {
    await expect(terraformSource.load(fixture('nope.json'), {})).rejects.toThrow(InputError);
  });
});

describe('sniffers for --source', () => {
  it('recognises plan and state JSON, and nothing else', async () => {
    expect(await isTerraformPlanJson(fixture('equivalence/plan.json'))).toBe(true);
    expect(await isTerraformPlanJson(fixture('state.json'))).toBe(true);
    expect(await isTerraformPlanJson(fixture('not-a-plan.json'))).toBe(false);
    expect(await isTerraformPlanJson(fixture('equivalence/stack.yaml'))).toBe(false);
    expect(await isTerraformPlanJson(fixture('equivalence'))).toBe(false);
    expect(await isTerraformPlanJson(fixture('nope.json'))).toBe(false);
  });

  it('recognises a directory of .tf files', async () => {
    expect(await looksLikeTerraformDir(fixture('equivalence/tf'))).toBe(true);
    expect(await looksLikeTerraformDir(fixture('equivalence'))).toBe(false);
    expect(await looksLikeTerraformDir(fixture('nope'))).toBe(false);
  });
});
